/**
 * Reply-table entries for the session itself: greeting, EHLO, the plain successes, STARTTLS,
 * VRFY, leaving, and a server that is busy or has trouble of its own (the seed's 421 and 451).
 */
import type { ReplyData } from './reply-table';

/** SESSION_REPLIES: greeting, successes, STARTTLS, VRFY, QUIT, busy and local trouble. */
export const SESSION_REPLIES = {
  greeting: {
    code: 220, text: '{host} ESMTP Postfix', origin: 'recorded',
    en: { title: 'Greeting', meaning: 'The server has accepted the connection and is ready for commands. The text is its banner: host name and software.', cause: 'A client opened a TCP connection to the SMTP port (25, 587, or 465 after the TLS handshake).', fix: 'Nothing to fix. The client answers with EHLO.' },
    de: { title: 'Begrüßung', meaning: 'Der Server hat die Verbindung angenommen und wartet auf Befehle. Der Text ist sein Banner: Hostname und Software.', cause: 'Ein Client hat eine TCP-Verbindung zum SMTP-Port geöffnet (25, 587 oder 465 nach dem TLS-Handshake).', fix: 'Nichts zu tun. Der Client antwortet mit EHLO.' },
  },
  ehlo: {
    code: 250, text: '{host}\n{keywords}', origin: 'recorded',
    en: { title: 'EHLO accepted', meaning: 'The server greets the client by name and lists the extensions it offers, one per line: PIPELINING, SIZE with the size limit, STARTTLS, AUTH with the login methods, and so on. Postfix puts no enhanced status code on these lines.', cause: 'The client introduced itself with EHLO (extended SMTP, RFC 5321 §4.1.1.1).', fix: 'Nothing to fix. Read the list: if STARTTLS or AUTH is missing, the client cannot encrypt or log in on this connection.' },
    de: { title: 'EHLO angenommen', meaning: 'Der Server grüßt den Client mit seinem Namen und zählt Zeile für Zeile die Erweiterungen auf, die er anbietet: PIPELINING, SIZE mit der Größengrenze, STARTTLS, AUTH mit den Anmeldeverfahren und so weiter. Postfix schreibt in diese Zeilen keinen erweiterten Statuscode.', cause: 'Der Client hat sich mit EHLO vorgestellt (erweitertes SMTP, RFC 5321 §4.1.1.1).', fix: 'Nichts zu tun. Schau dir die Liste an: Fehlt STARTTLS oder AUTH, kann der Client auf dieser Verbindung nicht verschlüsseln oder sich nicht anmelden.' },
  },
  helo: {
    code: 250, text: '{host}', origin: 'recorded',
    en: { title: 'HELO accepted', meaning: 'The server accepts the old-style greeting. With HELO there is no list of extensions, so no STARTTLS, AUTH or SIZE.', cause: 'The client used HELO instead of EHLO.', fix: 'Nothing to fix, but a modern mail program should use EHLO to get encryption and login.' },
    de: { title: 'HELO angenommen', meaning: 'Der Server nimmt die alte Begrüßung an. Nach HELO gibt es keine Liste der Erweiterungen, also kein STARTTLS, kein AUTH und kein SIZE.', cause: 'Der Client hat HELO statt EHLO benutzt.', fix: 'Nichts zu tun. Ein modernes Mailprogramm sollte aber EHLO verwenden, um Verschlüsselung und Anmeldung nutzen zu können.' },
  },
  ok: {
    code: 250, enhanced: '2.0.0', text: 'Ok', origin: 'recorded',
    en: { title: 'OK', meaning: 'The command worked.', cause: 'A command such as NOOP or RSET succeeded.', fix: 'Nothing to fix.' },
    de: { title: 'OK', meaning: 'Der Befehl hat geklappt.', cause: 'Ein Befehl wie NOOP oder RSET war erfolgreich.', fix: 'Nichts zu tun.' },
  },
  'mail.ok': {
    code: 250, enhanced: '2.1.0', text: 'Ok', origin: 'recorded',
    en: { title: 'Sender accepted', meaning: 'The server accepts the envelope sender (MAIL FROM). A new mail transaction has begun.', cause: 'MAIL FROM had a valid address, or <> for a bounce.', fix: 'Nothing to fix. Some checks on the sender come later: Postfix refuses a sender only at RCPT TO.' },
    de: { title: 'Absender angenommen', meaning: 'Der Server nimmt den Umschlag-Absender (MAIL FROM) an. Eine neue Mail-Transaktion hat begonnen.', cause: 'MAIL FROM enthielt eine gültige Adresse, oder <> für eine Unzustellbarkeitsnachricht.', fix: 'Nichts zu tun. Manche Prüfungen des Absenders kommen erst später: Postfix lehnt einen Absender erst bei RCPT TO ab.' },
  },
  'rcpt.ok': {
    code: 250, enhanced: '2.1.5', text: 'Ok', origin: 'recorded',
    en: { title: 'Recipient accepted', meaning: 'The server accepts this recipient for the message.', cause: 'RCPT TO named an address the server delivers to or may relay for.', fix: 'Nothing to fix. Each recipient gets its own answer.' },
    de: { title: 'Empfänger angenommen', meaning: 'Der Server nimmt diesen Empfänger für die Nachricht an.', cause: 'RCPT TO nannte eine Adresse, die der Server zustellt oder weiterleiten darf.', fix: 'Nichts zu tun. Jeder Empfänger bekommt eine eigene Antwort.' },
  },
  'data.start': {
    code: 354, text: 'End data with <CR><LF>.<CR><LF>', origin: 'recorded',
    en: { title: 'Send the message', meaning: 'The server is waiting for the message itself: headers, an empty line, the body. A line with a single dot ends it.', cause: 'DATA after at least one accepted recipient.', fix: 'Nothing to fix. Lines that begin with a dot are sent with an extra dot (dot-stuffing, RFC 5321 §4.5.2).' },
    de: { title: 'Nachricht senden', meaning: 'Der Server wartet auf die Nachricht selbst: Kopfzeilen, eine Leerzeile, den Text. Eine Zeile mit einem einzelnen Punkt beendet sie.', cause: 'DATA nach mindestens einem angenommenen Empfänger.', fix: 'Nichts zu tun. Zeilen, die mit einem Punkt beginnen, werden mit einem zusätzlichen Punkt gesendet (Dot-Stuffing, RFC 5321 §4.5.2).' },
  },
  'data.queued': {
    code: 250, enhanced: '2.0.0', text: 'Ok: queued as {id}', origin: 'recorded',
    en: { title: 'Message accepted', meaning: 'The server has taken responsibility for the message and stored it in its queue under this ID. From now on it must deliver it or send a bounce.', cause: 'The message ended with a lone dot and passed all checks.', fix: 'Nothing to fix. Use the queue ID to follow the message in the server log.' },
    de: { title: 'Nachricht angenommen', meaning: 'Der Server hat die Verantwortung für die Nachricht übernommen und sie unter dieser ID in seine Warteschlange gelegt. Ab jetzt muss er sie zustellen oder eine Unzustellbarkeitsnachricht schicken.', cause: 'Die Nachricht endete mit einem einzelnen Punkt und hat alle Prüfungen bestanden.', fix: 'Nichts zu tun. Mit der Queue-ID lässt sich die Nachricht im Server-Log verfolgen.' },
  },
  bye: {
    code: 221, enhanced: '2.0.0', text: 'Bye', origin: 'recorded',
    en: { title: 'Goodbye', meaning: 'The server closes the connection.', cause: 'The client sent QUIT.', fix: 'Nothing to fix.' },
    de: { title: 'Auf Wiedersehen', meaning: 'Der Server schließt die Verbindung.', cause: 'Der Client hat QUIT gesendet.', fix: 'Nichts zu tun.' },
  },
  'starttls.ready': {
    code: 220, enhanced: '2.0.0', text: 'Ready to start TLS', origin: 'recorded',
    en: { title: 'Ready for TLS', meaning: 'The TLS handshake starts now. Everything after it is encrypted, and the client must send EHLO again.', cause: 'The client sent STARTTLS (RFC 3207).', fix: 'Nothing to fix.' },
    de: { title: 'Bereit für TLS', meaning: 'Jetzt beginnt der TLS-Handshake. Alles danach ist verschlüsselt, und der Client muss EHLO noch einmal senden.', cause: 'Der Client hat STARTTLS gesendet (RFC 3207).', fix: 'Nichts zu tun.' },
  },
  'starttls.already': {
    code: 554, enhanced: '5.5.1', text: 'Error: TLS already active', origin: 'postfix',
    en: { title: 'TLS already active', meaning: 'The connection is already encrypted.', cause: 'STARTTLS was sent a second time, or on port 465 where TLS starts right away.', fix: 'Send STARTTLS only once, and never on port 465.' },
    de: { title: 'TLS schon aktiv', meaning: 'Die Verbindung ist bereits verschlüsselt.', cause: 'STARTTLS wurde ein zweites Mal gesendet, oder auf Port 465, wo TLS sofort beginnt.', fix: 'STARTTLS nur einmal senden, und nie auf Port 465.' },
  },
  'starttls.unavailable': {
    code: 454, enhanced: '4.7.0', text: 'TLS not available due to local problem', origin: 'postfix',
    en: { title: 'TLS not available', meaning: 'The server offers STARTTLS but cannot start it right now.', cause: 'A problem on the server, typically a missing or unreadable certificate or key.', fix: 'The server\'s administrator must fix the TLS setup. A client should not fall back to sending unencrypted.' },
    de: { title: 'TLS nicht verfügbar', meaning: 'Der Server bietet STARTTLS an, kann es aber gerade nicht starten.', cause: 'Ein Problem auf dem Server, meist ein fehlendes oder unlesbares Zertifikat oder ein fehlender Schlüssel.', fix: 'Der Administrator des Servers muss die TLS-Einrichtung reparieren. Ein Client sollte dann nicht unverschlüsselt weitersenden.' },
  },
  'not-implemented': {
    code: 502, enhanced: '5.5.1', text: 'Error: command not implemented', origin: 'postfix',
    en: { title: 'Command not offered', meaning: 'The server knows the command but does not offer it here.', cause: 'For example STARTTLS on a server or connection without TLS.', fix: 'Look at the EHLO list and use only what it offers.' },
    de: { title: 'Befehl nicht angeboten', meaning: 'Der Server kennt den Befehl, bietet ihn hier aber nicht an.', cause: 'Zum Beispiel STARTTLS auf einem Server oder einer Verbindung ohne TLS.', fix: 'In der EHLO-Liste nachsehen und nur verwenden, was dort steht.' },
  },
  'vrfy.known': {
    code: 252, enhanced: '2.0.0', text: '{address}', origin: 'recorded',
    en: { title: 'Address exists', meaning: 'The server knows this address. 252 means "I will not confirm more, but I will accept mail for it".', cause: 'VRFY asked about an address the server delivers to.', fix: 'Nothing to fix. Many servers switch VRFY off so that spammers cannot test addresses.' },
    de: { title: 'Adresse existiert', meaning: 'Der Server kennt diese Adresse. 252 heißt: „Mehr bestätige ich nicht, aber ich nehme Mail dafür an.“', cause: 'VRFY hat nach einer Adresse gefragt, die der Server zustellt.', fix: 'Nichts zu tun. Viele Server schalten VRFY ab, damit Spammer keine Adressen ausprobieren können.' },
  },
  'vrfy.disabled': {
    code: 502, enhanced: '5.5.1', text: 'VRFY command is disabled', origin: 'postfix',
    en: { title: 'VRFY switched off', meaning: 'The server does not answer questions about addresses.', cause: 'The administrator disabled VRFY (Postfix disable_vrfy_command), usually to keep address lists away from spammers.', fix: 'Nothing to fix. Send the mail; the answer to RCPT TO tells whether the address exists.' },
    de: { title: 'VRFY abgeschaltet', meaning: 'Der Server beantwortet keine Fragen nach Adressen.', cause: 'Der Administrator hat VRFY abgeschaltet (Postfix disable_vrfy_command), meist um Adresslisten vor Spammern zu schützen.', fix: 'Nichts zu tun. Die Mail senden; die Antwort auf RCPT TO zeigt, ob es die Adresse gibt.' },
  },
  busy: {
    code: 421, enhanced: '4.3.2', text: '{host} Service not available, closing transmission channel', origin: 'rfc',
    en: { title: 'Service not available', meaning: 'The server cannot take mail right now and closes the connection. This is temporary (4xx): nothing is lost.', cause: 'The server is overloaded, in maintenance, or shutting down. The seed article lists firewalls and DNS errors as well. Postfix\'s postscreen says "421 4.3.2 All server ports are busy" when every process is in use.', fix: 'Wait and try again. A sending server does this by itself: it keeps the mail in its queue, tries the next MX, and retries later.' },
    de: { title: 'Dienst nicht verfügbar', meaning: 'Der Server kann gerade keine Mail annehmen und schließt die Verbindung. Das ist vorübergehend (4xx): Nichts geht verloren.', cause: 'Der Server ist überlastet, wird gewartet oder fährt herunter. Der Artikel nennt außerdem Firewalls und DNS-Fehler. Postfix\' postscreen meldet „421 4.3.2 All server ports are busy“, wenn alle Prozesse belegt sind.', fix: 'Abwarten und später erneut versuchen. Ein sendender Server macht das selbst: Er behält die Mail in der Warteschlange, probiert den nächsten MX und versucht es später wieder.' },
  },
  'too-many-connections': {
    code: 421, enhanced: '4.7.0', text: '{host} Error: too many connections from {ip}', origin: 'recorded',
    en: { title: 'Too many connections', meaning: 'The server refuses one more connection from this address and hangs up.', cause: 'The client already has too many open connections (Postfix: smtpd_client_connection_count_limit, 50 by default).', fix: 'Close idle connections, send several messages over one connection, or wait. It is temporary.' },
    de: { title: 'Zu viele Verbindungen', meaning: 'Der Server nimmt keine weitere Verbindung von dieser Adresse an und legt auf.', cause: 'Der Client hat schon zu viele offene Verbindungen (Postfix: smtpd_client_connection_count_limit, normalerweise 50).', fix: 'Unbenutzte Verbindungen schließen, mehrere Nachrichten über eine Verbindung senden oder warten. Es ist vorübergehend.' },
  },
  'too-many-errors': {
    code: 421, enhanced: '4.7.0', text: '{host} Error: too many errors', origin: 'postfix',
    en: { title: 'Too many errors', meaning: 'The server hangs up because the client made too many mistakes in a row.', cause: 'Many unknown commands, syntax errors or refused recipients (Postfix: smtpd_hard_error_limit).', fix: 'Fix the client\'s commands; look at the first error in the transcript, not the last.' },
    de: { title: 'Zu viele Fehler', meaning: 'Der Server legt auf, weil der Client zu viele Fehler hintereinander gemacht hat.', cause: 'Viele unbekannte Befehle, Syntaxfehler oder abgelehnte Empfänger (Postfix: smtpd_hard_error_limit).', fix: 'Die Befehle des Clients korrigieren; im Protokoll auf den ersten Fehler schauen, nicht auf den letzten.' },
  },
  timeout: {
    code: 421, enhanced: '4.4.2', text: '{host} Error: timeout exceeded', origin: 'postfix',
    en: { title: 'Timeout', meaning: 'The server waited too long for the next command and closes the connection.', cause: 'The client was idle or too slow (Postfix: smtpd_timeout, 300 s by default), or packets were lost on the way.', fix: 'Check the network between client and server; a sending server retries later by itself.' },
    de: { title: 'Zeitüberschreitung', meaning: 'Der Server hat zu lange auf den nächsten Befehl gewartet und schließt die Verbindung.', cause: 'Der Client war untätig oder zu langsam (Postfix: smtpd_timeout, normalerweise 300 s), oder unterwegs gingen Pakete verloren.', fix: 'Das Netz zwischen Client und Server prüfen; ein sendender Server versucht es später von selbst erneut.' },
  },
  'local-error': {
    code: 451, enhanced: '4.3.0', text: 'Error: queue file write error', origin: 'postfix',
    en: { title: 'Temporary local problem', meaning: 'The server has a problem of its own and cannot take the message now. It is temporary (4xx).', cause: 'For example a full disk or an overloaded server: Postfix could not write its queue file. The seed article calls 451 a temporary local problem.', fix: 'The sender cannot fix it: wait, the sending server retries. The receiving server\'s operator must free space or reduce the load.' },
    de: { title: 'Vorübergehendes lokales Problem', meaning: 'Der Server hat selbst ein Problem und kann die Nachricht gerade nicht annehmen. Das ist vorübergehend (4xx).', cause: 'Zum Beispiel eine volle Festplatte oder ein überlasteter Server: Postfix konnte seine Warteschlangendatei nicht schreiben. Der Artikel nennt 451 ein vorübergehendes lokales Problem.', fix: 'Der Absender kann nichts tun außer warten; der sendende Server versucht es erneut. Der Betreiber des empfangenden Servers muss Platz schaffen oder die Last senken.' },
  },
} satisfies Record<string, ReplyData>;
