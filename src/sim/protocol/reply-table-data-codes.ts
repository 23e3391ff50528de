/**
 * What codes mean on their own, for replies the reply table has no entry for: the basic reply
 * codes of RFC 5321 §4.2.2–§4.2.3 (plus RFC 4954 and RFC 7505), the subjects and details of
 * enhanced status codes (RFC 3463 §3, RFC 4954, RFC 7372, RFC 7505), and the four classes.
 */

/** CodeMeaning: a short meaning in both languages. */
export interface CodeMeaning {
  en: string;
  de: string;
}

/** ClassText: what a whole class of replies (2xx, 3xx, 4xx, 5xx) means and asks for. */
export interface ClassText {
  en: { title: string; meaning: string; cause: string; fix: string };
  de: { title: string; meaning: string; cause: string; fix: string };
}

/** BASIC_CODES: meanings of three-digit reply codes (RFC 5321 §4.2.2–§4.2.3; the seed's wording for its seven). */
export const BASIC_CODES: Record<number, CodeMeaning> = {
  211: { en: 'System status', de: 'Systemstatus' },
  214: { en: 'Help message', de: 'Hilfetext' },
  220: { en: 'Service ready', de: 'Dienst bereit' },
  221: { en: 'Service closing the connection', de: 'Dienst schließt die Verbindung' },
  235: { en: 'Authentication successful', de: 'Anmeldung erfolgreich' },
  250: { en: 'Requested action completed', de: 'Gewünschte Aktion ausgeführt' },
  251: { en: 'User not local; will forward', de: 'Empfänger nicht lokal; wird weitergeleitet' },
  252: { en: 'Cannot verify the user, but will accept the message', de: 'Benutzer nicht bestätigt, Nachricht wird aber angenommen' },
  334: { en: 'Authentication challenge: waiting for the next login step', de: 'Anmeldeaufforderung: wartet auf den nächsten Anmeldeschritt' },
  354: { en: 'Start mail input; end with a line holding a single dot', de: 'Nachricht senden; mit einer Zeile aus einem einzelnen Punkt beenden' },
  421: { en: 'Service not available, closing the connection', de: 'Dienst nicht verfügbar' },
  432: { en: 'A password transition is needed', de: 'Passwortwechsel erforderlich' },
  450: { en: 'Mailbox unavailable for now (busy or temporarily blocked)', de: 'Postfach vorübergehend nicht verfügbar (belegt oder vorläufig gesperrt)' },
  451: { en: 'Local error in processing', de: 'Vorübergehendes lokales Problem' },
  452: { en: 'Insufficient system storage, or too many recipients', de: 'Zu wenig Speicher auf dem System, oder zu viele Empfänger' },
  454: { en: 'Temporary failure: TLS or login unavailable, or relaying refused for now', de: 'Vorübergehender Fehler: TLS oder Anmeldung nicht verfügbar, oder Weiterleitung vorläufig verweigert' },
  455: { en: 'Server unable to accommodate parameters', de: 'Server kann die Parameter gerade nicht umsetzen' },
  500: { en: 'Syntax error, command unrecognized', de: 'Syntaxfehler, Befehl unbekannt' },
  501: { en: 'Syntax error in parameters or arguments', de: 'Syntaxfehler in Parametern oder Argumenten' },
  502: { en: 'Command not implemented', de: 'Befehl nicht implementiert' },
  503: { en: 'Bad sequence of commands', de: 'Falsche Reihenfolge der Befehle' },
  504: { en: 'Command parameter not implemented', de: 'Befehlsparameter nicht implementiert' },
  521: { en: 'Host does not accept mail', de: 'Host nimmt keine Mail an' },
  530: { en: 'Authentication (or encryption) required', de: 'Anmeldung (oder Verschlüsselung) erforderlich' },
  534: { en: 'Authentication mechanism is too weak', de: 'Anmeldeverfahren zu schwach' },
  535: { en: 'Authentication failed', de: 'Authentifizierung fehlgeschlagen' },
  538: { en: 'Encryption required for the requested authentication mechanism', de: 'Verschlüsselung für das gewählte Anmeldeverfahren erforderlich' },
  550: { en: 'Mailbox unavailable or action refused (often: sender not allowed)', de: 'Absenderadresse nicht erlaubt, Postfach nicht verfügbar oder Aktion verweigert' },
  551: { en: 'User not local', de: 'Empfänger nicht lokal' },
  552: { en: 'Message too large or storage exceeded', de: 'Nachricht ist zu groß oder Speicher erschöpft' },
  553: { en: 'Mailbox name not allowed (invalid sender address)', de: 'Ungültige Absenderadresse' },
  554: { en: 'Transaction failed (often: relaying denied)', de: 'Transaktion fehlgeschlagen (oft: Weiterleitung verweigert)' },
  555: { en: 'MAIL FROM/RCPT TO parameters not recognized or not implemented', de: 'Parameter von MAIL FROM/RCPT TO unbekannt oder nicht implementiert' },
  556: { en: 'Domain does not accept mail', de: 'Domain nimmt keine Mail an' },
};

/** ENHANCED_SUBJECTS: the middle number of an enhanced status code (RFC 3463 §3). */
export const ENHANCED_SUBJECTS: Record<number, CodeMeaning> = {
  0: { en: 'Other or undefined status', de: 'Sonstiger oder undefinierter Status' },
  1: { en: 'Addressing: a problem with a sender or recipient address', de: 'Adressierung: ein Problem mit einer Absender- oder Empfängeradresse' },
  2: { en: 'Mailbox: a problem with the recipient\'s mailbox', de: 'Postfach: ein Problem mit dem Postfach des Empfängers' },
  3: { en: 'Mail system: a problem with the receiving server', de: 'Mailsystem: ein Problem mit dem empfangenden Server' },
  4: { en: 'Network and routing: a problem on the way to the destination', de: 'Netz und Routing: ein Problem auf dem Weg zum Ziel' },
  5: { en: 'Mail delivery protocol: a problem with the SMTP conversation', de: 'Zustellprotokoll: ein Problem im SMTP-Dialog' },
  6: { en: 'Message content or media: a problem with the message itself', de: 'Inhalt: ein Problem mit der Nachricht selbst' },
  7: { en: 'Security or policy: refused for security or policy reasons', de: 'Sicherheit oder Richtlinie: aus Sicherheits- oder Richtliniengründen abgelehnt' },
};

/** ENHANCED_DETAILS: `subject.detail` of the enhanced codes SMTP Lab uses (RFC 3463 §3, RFC 4954 §6, RFC 7372 §3, RFC 7505 §4). */
export const ENHANCED_DETAILS: Record<string, CodeMeaning> = {
  '0.0': { en: 'Other undefined status', de: 'Sonstiger Status' },
  '1.0': { en: 'Other address status', de: 'Sonstiger Adressstatus' },
  '1.1': { en: 'Bad destination mailbox address: no such user', de: 'Ungültige Empfängeradresse: Benutzer existiert nicht' },
  '1.2': { en: 'Bad destination system address: the domain does not exist or takes no mail', de: 'Ungültiges Zielsystem: Domain existiert nicht oder nimmt keine Mail an' },
  '1.3': { en: 'Bad destination mailbox address syntax', de: 'Syntaxfehler in der Empfängeradresse' },
  '1.5': { en: 'Destination address valid', de: 'Empfängeradresse gültig' },
  '1.7': { en: 'Bad sender\'s mailbox address syntax', de: 'Syntaxfehler in der Absenderadresse' },
  '1.8': { en: 'Bad sender\'s system address: the sender\'s domain does not exist', de: 'Ungültiges Absendersystem: Absenderdomain existiert nicht' },
  '1.10': { en: 'Recipient address has a null MX: the domain takes no mail', de: 'Empfängeradresse hat einen Null-MX: Domain nimmt keine Mail an' },
  '2.0': { en: 'Other or undefined mailbox status', de: 'Sonstiger Postfachstatus' },
  '2.1': { en: 'Mailbox disabled, not accepting messages', de: 'Postfach gesperrt, nimmt keine Nachrichten an' },
  '2.2': { en: 'Mailbox full', de: 'Postfach voll' },
  '2.3': { en: 'Message length exceeds the mailbox\'s limit', de: 'Nachricht größer als die Grenze des Postfachs' },
  '3.0': { en: 'Other or undefined mail system status', de: 'Sonstiger Status des Mailsystems' },
  '3.1': { en: 'Mail system full', de: 'Mailsystem voll' },
  '3.2': { en: 'System not accepting network messages', de: 'System nimmt gerade keine Nachrichten an' },
  '3.4': { en: 'Message too big for the system', de: 'Nachricht zu groß für das System' },
  '4.0': { en: 'Other or undefined network or routing status', de: 'Sonstiger Netz- oder Routingstatus' },
  '4.1': { en: 'No answer from host', de: 'Keine Antwort vom Host' },
  '4.2': { en: 'Bad connection', de: 'Verbindung gestört' },
  '4.4': { en: 'Unable to route: no MX or address found for the domain', de: 'Kein Weg zum Ziel: kein MX und keine Adresse für die Domain gefunden' },
  '4.7': { en: 'Delivery time expired: the message stayed in the queue too long', de: 'Zustellzeit abgelaufen: Die Nachricht lag zu lange in der Warteschlange' },
  '5.0': { en: 'Other or undefined protocol status', de: 'Sonstiger Protokollstatus' },
  '5.1': { en: 'Invalid command (or invalid in this order)', de: 'Ungültiger Befehl (oder in dieser Reihenfolge ungültig)' },
  '5.2': { en: 'Syntax error', de: 'Syntaxfehler' },
  '5.3': { en: 'Too many recipients', de: 'Zu viele Empfänger' },
  '5.4': { en: 'Invalid command arguments', de: 'Ungültige Befehlsargumente' },
  '7.0': { en: 'Other or undefined security status', de: 'Sonstiger Sicherheitsstatus' },
  '7.1': { en: 'Delivery not authorized, message refused', de: 'Zustellung nicht erlaubt, Nachricht abgelehnt' },
  '7.8': { en: 'Authentication credentials invalid', de: 'Zugangsdaten ungültig' },
  '7.9': { en: 'Authentication mechanism too weak (providers: app password required)', de: 'Anmeldeverfahren zu schwach (bei Anbietern: App-Passwort nötig)' },
  '7.11': { en: 'Encryption required for the requested authentication mechanism', de: 'Verschlüsselung für das Anmeldeverfahren erforderlich' },
  '7.20': { en: 'No passing DKIM signature found', de: 'Keine gültige DKIM-Signatur gefunden' },
  '7.23': { en: 'SPF validation failed', de: 'SPF-Prüfung fehlgeschlagen' },
  '7.25': { en: 'Reverse DNS validation failed', de: 'Reverse-DNS-Prüfung fehlgeschlagen' },
  '7.26': { en: 'Multiple authentication checks failed', de: 'Mehrere Authentifizierungsprüfungen fehlgeschlagen' },
  '7.27': { en: 'Sender address has a null MX', de: 'Absenderadresse hat einen Null-MX' },
};

/** CLASS_TEXTS: what 2xx, 3xx, 4xx and 5xx mean (RFC 5321 §4.2.1, RFC 3463 §3.1). */
export const CLASS_TEXTS: Record<2 | 3 | 4 | 5, ClassText> = {
  2: {
    en: { title: 'Success', meaning: 'The server did what was asked.', cause: 'The command was valid and allowed.', fix: 'Nothing to fix.' },
    de: { title: 'Erfolg', meaning: 'Der Server hat getan, worum er gebeten wurde.', cause: 'Der Befehl war gültig und erlaubt.', fix: 'Nichts zu tun.' },
  },
  3: {
    en: { title: 'Waiting for more', meaning: 'The server accepted the command so far and waits for more input (the message after 354, the next login step after 334).', cause: 'A command that comes in several steps.', fix: 'Send what the server asks for.' },
    de: { title: 'Wartet auf mehr', meaning: 'Der Server hat den Befehl bisher angenommen und wartet auf weitere Eingaben (die Nachricht nach 354, den nächsten Anmeldeschritt nach 334).', cause: 'Ein Befehl, der aus mehreren Schritten besteht.', fix: 'Senden, worum der Server bittet.' },
  },
  4: {
    en: { title: 'Temporary failure', meaning: 'A 4xx reply means "not now": the problem should go away by itself. A sending server keeps the message in its queue and retries (Postfix: for up to 5 days); a mail program shows an error and the user can send again.', cause: 'A busy or overloaded server, greylisting, a temporary DNS problem, or a limit that resets.', fix: 'Wait and try again later. If it lasts for days, contact the receiving server\'s administrator.' },
    de: { title: 'Vorübergehender Fehler', meaning: 'Eine 4xx-Antwort heißt „jetzt nicht“: Das Problem sollte von selbst verschwinden. Ein sendender Server behält die Nachricht in seiner Warteschlange und versucht es erneut (Postfix: bis zu 5 Tage lang); ein Mailprogramm zeigt einen Fehler, und man kann erneut senden.', cause: 'Ein beschäftigter oder überlasteter Server, Greylisting, ein vorübergehendes DNS-Problem oder eine Grenze, die sich zurücksetzt.', fix: 'Abwarten und später erneut versuchen. Dauert es Tage, den Administrator des empfangenden Servers ansprechen.' },
  },
  5: {
    en: { title: 'Permanent failure', meaning: 'A 5xx reply means "no": trying the same thing again will fail again. A sending server gives up at once and returns the message to the sender with an error report (a bounce).', cause: 'A wrong address, missing permission, a policy of the receiving server, or a mistake in the command.', fix: 'Read the text after the code: it says what to change. Then send again with the change.' },
    de: { title: 'Endgültiger Fehler', meaning: 'Eine 5xx-Antwort heißt „nein“: Derselbe Versuch scheitert wieder. Ein sendender Server gibt sofort auf und schickt die Nachricht mit einem Fehlerbericht an den Absender zurück (Unzustellbarkeitsnachricht, „Bounce“).', cause: 'Eine falsche Adresse, fehlende Berechtigung, eine Richtlinie des empfangenden Servers oder ein Fehler im Befehl.', fix: 'Den Text nach dem Code lesen: Er sagt, was zu ändern ist. Dann mit der Änderung erneut senden.' },
  },
};
