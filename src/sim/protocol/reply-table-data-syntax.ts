/**
 * Reply-table entries for commands the server cannot use: unknown verbs, bad syntax, bad
 * addresses, unsupported parameters, and commands in the wrong order. Texts are Postfix's, most
 * of them recorded in shared/REAL-REPLIES.md.
 */
import type { ReplyData } from './reply-table';

const wrongOrder = {
  en: { cause: 'The client sent the commands in the wrong order. RFC 5321 §4.1.4 fixes it: EHLO, MAIL FROM, one or more RCPT TO, DATA.', fix: 'Send the commands in this order. RSET starts the transaction over.' },
  de: { cause: 'Der Client hat die Befehle in der falschen Reihenfolge gesendet. RFC 5321 §4.1.4 legt sie fest: EHLO, MAIL FROM, ein oder mehrere RCPT TO, DATA.', fix: 'Die Befehle in dieser Reihenfolge senden. RSET beginnt die Transaktion von vorn.' },
};

const typo = {
  en: { cause: 'A typing mistake in the command, or a program that does not speak SMTP.', fix: 'Compare the line with the command\'s syntax in RFC 5321 §4.1.1 and send it again.' },
  de: { cause: 'Ein Tippfehler im Befehl, oder ein Programm, das kein SMTP spricht.', fix: 'Die Zeile mit der Syntax des Befehls in RFC 5321 §4.1.1 vergleichen und noch einmal senden.' },
};

/** SYNTAX_REPLIES: unknown commands, syntax errors, bad parameters, wrong order. */
export const SYNTAX_REPLIES = {
  'unknown-command': {
    code: 500, enhanced: '5.5.2', text: 'Error: command not recognized', origin: 'recorded',
    en: { title: 'Command not recognized', meaning: 'The server does not know this command.', cause: 'A typing mistake, a command this server does not offer (Postfix has no HELP or EXPN), or a line that was far too long or not SMTP at all.', fix: 'Check the spelling of the command. The server stays connected; just send a correct line.' },
    de: { title: 'Befehl unbekannt', meaning: 'Der Server kennt diesen Befehl nicht.', cause: 'Ein Tippfehler, ein Befehl, den dieser Server nicht anbietet (Postfix kennt weder HELP noch EXPN), oder eine Zeile, die viel zu lang oder gar kein SMTP war.', fix: 'Die Schreibweise des Befehls prüfen. Die Verbindung bleibt bestehen; einfach eine korrekte Zeile senden.' },
  },
  'syntax.empty': {
    code: 500, enhanced: '5.5.2', text: 'Error: bad syntax', origin: 'postfix',
    en: { title: 'Empty command', meaning: 'The line held no command at all.', cause: 'An empty line or only spaces were sent.', fix: 'Send a command such as EHLO, MAIL FROM or QUIT.' },
    de: { title: 'Leerer Befehl', meaning: 'Die Zeile enthielt gar keinen Befehl.', cause: 'Es wurde eine leere Zeile oder nur Leerzeichen gesendet.', fix: 'Einen Befehl wie EHLO, MAIL FROM oder QUIT senden.' },
  },
  'syntax.bad-utf8': {
    code: 500, enhanced: '5.5.2', text: 'Error: bad UTF-8 syntax', origin: 'recorded',
    en: { title: 'Bad UTF-8', meaning: 'The line contains bytes that are not valid UTF-8 text.', cause: 'Random or binary data, or text in an old encoding such as Latin-1, sent as a command.', fix: 'Commands must be text. Send binary data only inside DATA, encoded (for example base64 in a MIME attachment).' },
    de: { title: 'Ungültiges UTF-8', meaning: 'Die Zeile enthält Bytes, die kein gültiger UTF-8-Text sind.', cause: 'Zufällige oder binäre Daten, oder Text in einer alten Kodierung wie Latin-1, als Befehl gesendet.', fix: 'Befehle müssen Text sein. Binäre Daten nur innerhalb von DATA senden, kodiert (zum Beispiel base64 in einem MIME-Anhang).' },
  },
  'syntax.ehlo': {
    code: 501, text: 'Syntax: EHLO hostname', origin: 'recorded',
    en: { title: 'EHLO without a name', meaning: 'EHLO needs the client\'s host name. Note that Postfix gives this reply no enhanced status code.', ...typo.en },
    de: { title: 'EHLO ohne Namen', meaning: 'EHLO braucht den Hostnamen des Clients. Postfix gibt diese Antwort übrigens ohne erweiterten Statuscode.', ...typo.de },
  },
  'syntax.helo': {
    code: 501, text: 'Syntax: HELO hostname', origin: 'postfix',
    en: { title: 'HELO without a name', meaning: 'HELO needs the client\'s host name.', ...typo.en },
    de: { title: 'HELO ohne Namen', meaning: 'HELO braucht den Hostnamen des Clients.', ...typo.de },
  },
  'syntax.mail': {
    code: 501, enhanced: '5.5.4', text: 'Syntax: MAIL FROM:<address>', origin: 'recorded',
    en: { title: 'MAIL syntax', meaning: 'MAIL must be followed by FROM: and an address, for example MAIL FROM:<alice@example.com>.', ...typo.en },
    de: { title: 'MAIL-Syntax', meaning: 'Nach MAIL müssen FROM: und eine Adresse folgen, zum Beispiel MAIL FROM:<alice@example.com>.', ...typo.de },
  },
  'syntax.rcpt': {
    code: 501, enhanced: '5.5.4', text: 'Syntax: RCPT TO:<address>', origin: 'postfix',
    en: { title: 'RCPT syntax', meaning: 'RCPT must be followed by TO: and an address, for example RCPT TO:<bob@example.org>.', ...typo.en },
    de: { title: 'RCPT-Syntax', meaning: 'Nach RCPT müssen TO: und eine Adresse folgen, zum Beispiel RCPT TO:<bob@example.org>.', ...typo.de },
  },
  'syntax.sender-address': {
    code: 501, enhanced: '5.1.7', text: 'Bad sender address syntax', origin: 'recorded',
    en: { title: 'Bad sender address', meaning: 'The sender address is not written correctly.', cause: 'A missing > or <, spaces, or a second address in MAIL FROM.', fix: 'Write the address in angle brackets: MAIL FROM:<alice@example.com>. For a bounce, use MAIL FROM:<>.' },
    de: { title: 'Ungültige Absenderadresse', meaning: 'Die Absenderadresse ist nicht korrekt geschrieben.', cause: 'Ein fehlendes > oder <, Leerzeichen oder eine zweite Adresse in MAIL FROM.', fix: 'Die Adresse in spitze Klammern setzen: MAIL FROM:<alice@example.com>. Für eine Unzustellbarkeitsnachricht MAIL FROM:<> verwenden.' },
  },
  'syntax.recipient-address': {
    code: 501, enhanced: '5.1.3', text: 'Bad recipient address syntax', origin: 'postfix',
    en: { title: 'Bad recipient address', meaning: 'The recipient address is not written correctly.', cause: 'A missing > or <, spaces, an empty address <>, or several addresses in one RCPT TO.', fix: 'Send one RCPT TO per recipient, with the address in angle brackets.' },
    de: { title: 'Ungültige Empfängeradresse', meaning: 'Die Empfängeradresse ist nicht korrekt geschrieben.', cause: 'Ein fehlendes > oder <, Leerzeichen, eine leere Adresse <> oder mehrere Adressen in einem RCPT TO.', fix: 'Für jeden Empfänger ein eigenes RCPT TO senden, die Adresse in spitzen Klammern.' },
  },
  'syntax.unsupported-option': {
    code: 555, enhanced: '5.5.4', text: 'Unsupported option: {option}', origin: 'recorded',
    en: { title: 'Unsupported parameter', meaning: 'After the address came a parameter the server does not support.', cause: 'An unknown ESMTP parameter, one the server did not offer in its EHLO list, or text after an address without angle brackets: in MAIL FROM:bad syntax, Postfix takes "bad" as the address and "syntax" as a parameter.', fix: 'Put the address in angle brackets and use only parameters from the EHLO list (such as SIZE=, BODY=8BITMIME, SMTPUTF8).' },
    de: { title: 'Parameter nicht unterstützt', meaning: 'Nach der Adresse kam ein Parameter, den der Server nicht unterstützt.', cause: 'Ein unbekannter ESMTP-Parameter, einer, den der Server in seiner EHLO-Liste nicht angeboten hat, oder Text hinter einer Adresse ohne spitze Klammern: Bei MAIL FROM:bad syntax hält Postfix „bad“ für die Adresse und „syntax“ für einen Parameter.', fix: 'Die Adresse in spitze Klammern setzen und nur Parameter aus der EHLO-Liste verwenden (etwa SIZE=, BODY=8BITMIME, SMTPUTF8).' },
  },
  'syntax.bad-size': {
    code: 501, enhanced: '5.5.4', text: 'Bad message size syntax', origin: 'postfix',
    en: { title: 'Bad SIZE value', meaning: 'SIZE= must be followed by a whole number of octets.', cause: 'Something like SIZE=10MB or SIZE=-1 (RFC 1870 wants digits only).', fix: 'Send the size in octets, for example SIZE=524288.' },
    de: { title: 'Ungültiger SIZE-Wert', meaning: 'Nach SIZE= muss eine ganze Zahl von Oktetts (Bytes) stehen.', cause: 'Etwas wie SIZE=10MB oder SIZE=-1 (RFC 1870 verlangt nur Ziffern).', fix: 'Die Größe in Oktetts angeben, zum Beispiel SIZE=524288.' },
  },
  'syntax.bad-body': {
    code: 501, enhanced: '5.5.4', text: 'Unsupported BODY type', origin: 'postfix',
    en: { title: 'Unsupported BODY type', meaning: 'BODY= must be 7BIT or 8BITMIME.', cause: 'The client asked for a body type the server does not offer, such as BINARYMIME.', fix: 'Use BODY=8BITMIME for text with umlauts, or leave BODY= out.' },
    de: { title: 'BODY-Typ nicht unterstützt', meaning: 'BODY= muss 7BIT oder 8BITMIME sein.', cause: 'Der Client hat einen Body-Typ verlangt, den der Server nicht anbietet, etwa BINARYMIME.', fix: 'BODY=8BITMIME für Text mit Umlauten verwenden oder BODY= weglassen.' },
  },
  'syntax.data': {
    code: 501, enhanced: '5.5.4', text: 'Syntax: DATA', origin: 'postfix',
    en: { title: 'DATA takes no argument', meaning: 'DATA must stand alone on its line.', ...typo.en },
    de: { title: 'DATA ohne Argument', meaning: 'DATA muss allein in seiner Zeile stehen.', ...typo.de },
  },
  'syntax.rset': {
    code: 501, enhanced: '5.5.4', text: 'Syntax: RSET', origin: 'postfix',
    en: { title: 'RSET takes no argument', meaning: 'RSET must stand alone on its line.', ...typo.en },
    de: { title: 'RSET ohne Argument', meaning: 'RSET muss allein in seiner Zeile stehen.', ...typo.de },
  },
  'syntax.starttls': {
    code: 501, enhanced: '5.5.4', text: 'Syntax: STARTTLS', origin: 'postfix',
    en: { title: 'STARTTLS takes no argument', meaning: 'STARTTLS must stand alone on its line.', ...typo.en },
    de: { title: 'STARTTLS ohne Argument', meaning: 'STARTTLS muss allein in seiner Zeile stehen.', ...typo.de },
  },
  'syntax.vrfy': {
    code: 501, enhanced: '5.5.4', text: 'Syntax: VRFY address', origin: 'postfix',
    en: { title: 'VRFY without an address', meaning: 'VRFY needs the address to check.', ...typo.en },
    de: { title: 'VRFY ohne Adresse', meaning: 'VRFY braucht die Adresse, die geprüft werden soll.', ...typo.de },
  },
  'syntax.auth': {
    code: 501, enhanced: '5.5.4', text: 'Syntax: AUTH mechanism', origin: 'postfix',
    en: { title: 'AUTH syntax', meaning: 'AUTH needs a mechanism (PLAIN or LOGIN) and at most one initial response.', ...typo.en },
    de: { title: 'AUTH-Syntax', meaning: 'AUTH braucht ein Verfahren (PLAIN oder LOGIN) und höchstens eine erste Antwort.', ...typo.de },
  },
  'sequence.need-mail': {
    code: 503, enhanced: '5.5.1', text: 'Error: need MAIL command', origin: 'recorded',
    en: { title: 'MAIL FROM first', meaning: 'RCPT TO only makes sense inside a transaction, which MAIL FROM starts.', ...wrongOrder.en },
    de: { title: 'Zuerst MAIL FROM', meaning: 'RCPT TO ergibt nur innerhalb einer Transaktion Sinn, und die beginnt mit MAIL FROM.', ...wrongOrder.de },
  },
  'sequence.need-rcpt': {
    code: 503, enhanced: '5.5.1', text: 'Error: need RCPT command', origin: 'recorded',
    en: { title: 'RCPT TO first', meaning: 'DATA needs at least one recipient. Postfix gives this reply even when MAIL FROM is missing as well.', ...wrongOrder.en },
    de: { title: 'Zuerst RCPT TO', meaning: 'DATA braucht mindestens einen Empfänger. Postfix gibt diese Antwort auch dann, wenn MAIL FROM ebenfalls fehlt.', ...wrongOrder.de },
  },
  'sequence.helo-first': {
    code: 503, enhanced: '5.5.1', text: 'Error: send HELO/EHLO first', origin: 'postfix',
    en: { title: 'EHLO first', meaning: 'This server wants the client to introduce itself before anything else.', ...wrongOrder.en },
    de: { title: 'Zuerst EHLO', meaning: 'Dieser Server will, dass sich der Client zuerst vorstellt.', ...wrongOrder.de },
  },
  'sequence.bad': {
    code: 503, enhanced: '5.5.1', text: 'Bad sequence of commands', origin: 'rfc',
    en: { title: 'Bad sequence of commands', meaning: 'The command is valid but not allowed at this point of the session.', ...wrongOrder.en },
    de: { title: 'Falsche Befehlsfolge', meaning: 'Der Befehl ist gültig, aber an dieser Stelle der Sitzung nicht erlaubt.', ...wrongOrder.de },
  },
  'mail.nested': {
    code: 503, enhanced: '5.5.1', text: 'Error: nested MAIL command', origin: 'postfix',
    en: { title: 'Transaction already in progress', meaning: 'A MAIL FROM is already active; a second one is not allowed until the message is sent or RSET is given.', ...wrongOrder.en },
    de: { title: 'Transaktion läuft bereits', meaning: 'Ein MAIL FROM ist schon aktiv; ein zweites ist erst erlaubt, wenn die Nachricht gesendet oder RSET gegeben wurde.', ...wrongOrder.de },
  },
  'data.no-valid-recipients': {
    code: 554, enhanced: '5.5.1', text: 'Error: no valid recipients', origin: 'recorded',
    en: { title: 'No valid recipients', meaning: 'Every RCPT TO of this transaction was refused, so there is nobody to send the message to.', cause: 'All recipients were rejected (unknown user, relay denied, ...). RFC 5321 §3.3 lets the server answer 503 or 554 here; Postfix chooses 554.', fix: 'Look at the replies to the RCPT TO commands: they say why each recipient was refused.' },
    de: { title: 'Keine gültigen Empfänger', meaning: 'Jedes RCPT TO dieser Transaktion wurde abgelehnt, es gibt also niemanden, an den die Nachricht gehen könnte.', cause: 'Alle Empfänger wurden abgelehnt (unbekannter Benutzer, Weiterleitung verweigert, ...). RFC 5321 §3.3 erlaubt hier 503 oder 554; Postfix wählt 554.', fix: 'Die Antworten auf die RCPT-TO-Befehle ansehen: Sie sagen, warum jeder Empfänger abgelehnt wurde.' },
  },
} satisfies Record<string, ReplyData>;
