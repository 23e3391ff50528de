/**
 * Reply-table entries for SMTP AUTH (RFC 4954) and the sender rules of a submission server:
 * the seed's 535 (authentication failed), 534 (app password), 530 (TLS first), and the 550/553
 * answers for a sender address the user may not use.
 */
import type { ReplyData } from './reply-table';

const login = {
  en: { cause: 'Wrong user name or password, a password with a typo or wrong keyboard layout, or an account that needs an app password because two-factor login is on.', fix: 'Check user name (often the full e-mail address) and password in the account settings. With two-factor login, create an app password and use it here.' },
  de: { cause: 'Falscher Benutzername oder falsches Passwort, ein Tippfehler oder falsches Tastaturlayout, oder ein Konto, das wegen Zwei-Faktor-Anmeldung ein App-Passwort braucht.', fix: 'Benutzernamen (oft die vollständige E-Mail-Adresse) und Passwort in den Kontoeinstellungen prüfen. Bei Zwei-Faktor-Anmeldung ein App-Passwort erzeugen und hier verwenden.' },
};

/** AUTH_REPLIES: SMTP AUTH and the sender-address rules of submission. */
export const AUTH_REPLIES = {
  'auth.ok': {
    code: 235, enhanced: '2.7.0', text: 'Authentication successful', origin: 'recorded',
    en: { title: 'Logged in', meaning: 'User name and password were right. The server now knows who is sending.', cause: 'AUTH PLAIN or AUTH LOGIN with valid credentials.', fix: 'Nothing to fix.' },
    de: { title: 'Angemeldet', meaning: 'Benutzername und Passwort stimmen. Der Server weiß jetzt, wer sendet.', cause: 'AUTH PLAIN oder AUTH LOGIN mit gültigen Zugangsdaten.', fix: 'Nichts zu tun.' },
  },
  'auth.failed': {
    code: 535, enhanced: '5.7.8', text: 'Error: authentication failed: (reason unavailable)', origin: 'recorded',
    en: { title: 'Authentication failed', meaning: 'The server did not accept the login. It does not say why, so that an attacker learns nothing ("reason unavailable" comes from Dovecot, which checks passwords for Postfix).', ...login.en },
    de: { title: 'Authentifizierung fehlgeschlagen', meaning: 'Der Server hat die Anmeldung nicht angenommen. Er sagt nicht, warum, damit ein Angreifer nichts erfährt („reason unavailable“ kommt von Dovecot, das für Postfix die Passwörter prüft).', ...login.de },
  },
  'auth.app-password': {
    code: 534, enhanced: '5.7.9', text: 'Application-specific password required', origin: 'neutral',
    en: { title: 'App password required', meaning: 'The account password is right, but this account may only log in from mail programs with a separate app password.', cause: 'Two-factor login is switched on for the account. Large providers answer like this (RFC 4954 calls 5.7.9 "mechanism too weak").', fix: 'Create an app password in the provider\'s security settings and enter it in the mail program instead of the normal password.' },
    de: { title: 'App-Passwort erforderlich', meaning: 'Das Kontopasswort stimmt, aber dieses Konto darf sich aus Mailprogrammen nur mit einem eigenen App-Passwort anmelden.', cause: 'Für das Konto ist die Zwei-Faktor-Anmeldung eingeschaltet. Große Anbieter antworten so (RFC 4954 nennt 5.7.9 „Verfahren zu schwach“).', fix: 'In den Sicherheitseinstellungen des Anbieters ein App-Passwort erzeugen und im Mailprogramm statt des normalen Passworts eintragen.' },
  },
  'auth.tls-required': {
    code: 530, enhanced: '5.7.0', text: 'Must issue a STARTTLS command first', origin: 'recorded',
    en: { title: 'Encryption required first', meaning: 'This server accepts login and mail only over an encrypted connection.', cause: 'The client sent AUTH, MAIL, RCPT or similar before STARTTLS, typically a mail program set to "no encryption" on port 587.', fix: 'Set the connection security to STARTTLS (port 587) or SSL/TLS (port 465).' },
    de: { title: 'Zuerst verschlüsseln', meaning: 'Dieser Server nimmt Anmeldung und Mail nur über eine verschlüsselte Verbindung an.', cause: 'Der Client hat AUTH, MAIL, RCPT oder Ähnliches vor STARTTLS gesendet, typischerweise ein Mailprogramm mit „keine Verschlüsselung“ auf Port 587.', fix: 'Die Verbindungssicherheit auf STARTTLS (Port 587) oder SSL/TLS (Port 465) stellen.' },
  },
  'auth.encryption-required': {
    code: 538, enhanced: '5.7.11', text: 'Encryption required for requested authentication mechanism', origin: 'rfc',
    en: { title: 'Encryption required for this login', meaning: 'This login method would send the password readable, so the server allows it only inside TLS.', cause: 'AUTH PLAIN or LOGIN over an unencrypted connection (RFC 4954 §6).', fix: 'Switch on STARTTLS or SSL/TLS in the account settings.' },
    de: { title: 'Verschlüsselung für diese Anmeldung nötig', meaning: 'Dieses Anmeldeverfahren würde das Passwort lesbar übertragen, deshalb erlaubt der Server es nur innerhalb von TLS.', cause: 'AUTH PLAIN oder LOGIN über eine unverschlüsselte Verbindung (RFC 4954 §6).', fix: 'In den Kontoeinstellungen STARTTLS oder SSL/TLS einschalten.' },
  },
  'auth.not-enabled': {
    code: 503, enhanced: '5.5.1', text: 'Error: authentication not enabled', origin: 'recorded',
    en: { title: 'Login not offered', meaning: 'This server, or this connection, does not offer SMTP AUTH.', cause: 'The client tried to log in on an MX (port 25), which takes mail for its own domains without login, or before STARTTLS where AUTH is offered only inside TLS.', fix: 'Send to the provider\'s submission server on port 587 or 465, and use STARTTLS or SSL/TLS.' },
    de: { title: 'Anmeldung nicht angeboten', meaning: 'Dieser Server oder diese Verbindung bietet kein SMTP AUTH an.', cause: 'Der Client wollte sich an einem MX (Port 25) anmelden, der Mail für seine eigenen Domains ohne Anmeldung annimmt, oder vor STARTTLS, obwohl AUTH erst innerhalb von TLS angeboten wird.', fix: 'An den Submission-Server des Anbieters auf Port 587 oder 465 senden und STARTTLS oder SSL/TLS verwenden.' },
  },
  'auth.aborted': {
    code: 501, enhanced: '5.7.0', text: 'Authentication aborted', origin: 'recorded',
    en: { title: 'Login cancelled', meaning: 'The client gave up the login by sending "*".', cause: 'The mail program cancelled, for example because the user closed the password dialog.', fix: 'Start AUTH again when the credentials are ready.' },
    de: { title: 'Anmeldung abgebrochen', meaning: 'Der Client hat die Anmeldung mit „*“ abgebrochen.', cause: 'Das Mailprogramm hat abgebrochen, zum Beispiel weil der Passwortdialog geschlossen wurde.', fix: 'AUTH neu beginnen, wenn die Zugangsdaten bereit sind.' },
  },
  'auth.already': {
    code: 503, enhanced: '5.5.1', text: 'Error: already authenticated', origin: 'recorded',
    en: { title: 'Already logged in', meaning: 'There is only one login per connection.', cause: 'AUTH was sent a second time.', fix: 'To log in as someone else, open a new connection.' },
    de: { title: 'Schon angemeldet', meaning: 'Pro Verbindung gibt es nur eine Anmeldung.', cause: 'AUTH wurde ein zweites Mal gesendet.', fix: 'Für eine Anmeldung als jemand anderes eine neue Verbindung öffnen.' },
  },
  'auth.in-transaction': {
    code: 503, enhanced: '5.5.1', text: 'Error: MAIL transaction in progress', origin: 'recorded',
    en: { title: 'Log in before MAIL FROM', meaning: 'AUTH is not allowed inside a mail transaction.', cause: 'The client sent MAIL FROM first and AUTH afterwards (RFC 4954 §4).', fix: 'Log in right after EHLO, then send MAIL FROM; or send RSET and log in.' },
    de: { title: 'Vor MAIL FROM anmelden', meaning: 'AUTH ist innerhalb einer Mail-Transaktion nicht erlaubt.', cause: 'Der Client hat erst MAIL FROM und danach AUTH gesendet (RFC 4954 §4).', fix: 'Gleich nach EHLO anmelden und dann MAIL FROM senden, oder RSET senden und sich anmelden.' },
  },
  'auth.bad-base64': {
    code: 535, enhanced: '5.7.8', text: 'Error: authentication failed: Invalid base64 data in initial response', origin: 'recorded',
    en: { title: 'Login data not base64', meaning: 'The login data after AUTH must be base64-encoded, and this was not.', cause: 'The user name or password was typed in plain text, or the base64 was cut or mistyped.', fix: 'Encode "\\0user\\0password" in base64 for PLAIN, or the user name and password separately for LOGIN.' },
    de: { title: 'Anmeldedaten nicht base64', meaning: 'Die Anmeldedaten nach AUTH müssen base64-kodiert sein, und diese waren es nicht.', cause: 'Benutzername oder Passwort wurden im Klartext getippt, oder das base64 war abgeschnitten oder vertippt.', fix: 'Für PLAIN „\\0benutzer\\0passwort“ in base64 kodieren, für LOGIN Benutzername und Passwort einzeln.' },
  },
  'auth.bad-base64-continued': {
    code: 535, enhanced: '5.7.8', text: 'Error: authentication failed: Invalid base64 data in continued response', origin: 'dovecot',
    en: { title: 'Login answer not base64', meaning: 'The answer to the server\'s 334 challenge must be base64-encoded, and this was not.', cause: 'The user name or password was typed in plain text after 334.', fix: 'Send the answer base64-encoded, or "*" to cancel.' },
    de: { title: 'Anmeldeantwort nicht base64', meaning: 'Die Antwort auf die 334-Aufforderung des Servers muss base64-kodiert sein, und diese war es nicht.', cause: 'Benutzername oder Passwort wurden nach 334 im Klartext getippt.', fix: 'Die Antwort base64-kodiert senden, oder „*“ zum Abbrechen.' },
  },
  'auth.invalid-mechanism': {
    code: 535, enhanced: '5.7.8', text: 'Error: authentication failed: Invalid authentication mechanism', origin: 'recorded',
    en: { title: 'Unknown login method', meaning: 'The server does not offer this AUTH mechanism. RFC 4954 §4 says the answer should be 504; Postfix with Dovecot answers 535 instead.', cause: 'The client asked for a mechanism that is not in the server\'s EHLO AUTH line, or mistyped it.', fix: 'Use one of the mechanisms after AUTH in the EHLO reply, usually PLAIN or LOGIN.' },
    de: { title: 'Unbekanntes Anmeldeverfahren', meaning: 'Der Server bietet dieses AUTH-Verfahren nicht an. Laut RFC 4954 §4 sollte die Antwort 504 lauten; Postfix mit Dovecot antwortet stattdessen 535.', cause: 'Der Client hat ein Verfahren verlangt, das nicht in der AUTH-Zeile der EHLO-Antwort steht, oder sich vertippt.', fix: 'Eines der Verfahren hinter AUTH in der EHLO-Antwort verwenden, meist PLAIN oder LOGIN.' },
  },
  'auth.challenge-empty': {
    code: 334, text: '', origin: 'recorded',
    en: { title: 'Send your login data', meaning: 'An empty challenge: the server waits for the base64 PLAIN data (authzid, user, password, separated by NUL).', cause: 'AUTH PLAIN without an initial response on the same line.', fix: 'Send the base64 data, or "*" to cancel.' },
    de: { title: 'Anmeldedaten senden', meaning: 'Eine leere Aufforderung: Der Server wartet auf die base64-kodierten PLAIN-Daten (authzid, Benutzer, Passwort, durch NUL getrennt).', cause: 'AUTH PLAIN ohne erste Antwort in derselben Zeile.', fix: 'Die base64-Daten senden, oder „*“ zum Abbrechen.' },
  },
  'auth.challenge-username': {
    code: 334, text: 'VXNlcm5hbWU6', origin: 'recorded',
    en: { title: 'Asking for the user name', meaning: 'VXNlcm5hbWU6 is base64 for "Username:". The server waits for the user name, base64-encoded.', cause: 'AUTH LOGIN was sent.', fix: 'Send the user name in base64.' },
    de: { title: 'Frage nach dem Benutzernamen', meaning: 'VXNlcm5hbWU6 ist base64 für „Username:“. Der Server wartet auf den Benutzernamen, base64-kodiert.', cause: 'AUTH LOGIN wurde gesendet.', fix: 'Den Benutzernamen in base64 senden.' },
  },
  'auth.challenge-password': {
    code: 334, text: 'UGFzc3dvcmQ6', origin: 'recorded',
    en: { title: 'Asking for the password', meaning: 'UGFzc3dvcmQ6 is base64 for "Password:". The server waits for the password, base64-encoded. Base64 is no encryption: without TLS anyone on the way can read it.', cause: 'The user name of AUTH LOGIN was received.', fix: 'Send the password in base64, and only over TLS.' },
    de: { title: 'Frage nach dem Passwort', meaning: 'UGFzc3dvcmQ6 ist base64 für „Password:“. Der Server wartet auf das Passwort, base64-kodiert. Base64 ist keine Verschlüsselung: Ohne TLS kann es jeder unterwegs lesen.', cause: 'Der Benutzername von AUTH LOGIN ist angekommen.', fix: 'Das Passwort in base64 senden, und nur über TLS.' },
  },
  'sender.not-logged-in': {
    code: 553, enhanced: '5.7.1', text: '<{address}>: Sender address rejected: not logged in', origin: 'recorded',
    en: { title: 'Not logged in', meaning: 'The server sends mail for this sender only after a login. Postfix says it at RCPT TO, not at MAIL FROM.', cause: 'The mail program has "outgoing server requires authentication" switched off.', fix: 'Switch on authentication for the outgoing server and enter user name and password.' },
    de: { title: 'Nicht angemeldet', meaning: 'Der Server versendet Mail für diesen Absender nur nach einer Anmeldung. Postfix sagt das bei RCPT TO, nicht schon bei MAIL FROM.', cause: 'Im Mailprogramm ist „Postausgangsserver erfordert Authentifizierung“ ausgeschaltet.', fix: 'Authentifizierung für den Postausgangsserver einschalten und Benutzernamen und Passwort eintragen.' },
  },
  'sender.not-owned': {
    code: 553, enhanced: '5.7.1', text: '<{address}>: Sender address rejected: not owned by user {user}', origin: 'recorded',
    en: { title: 'Sender address not yours', meaning: 'You are logged in, but the sender address belongs to someone else. The seed article\'s 553 "invalid sender address" is this case.', cause: 'The From/MAIL FROM address differs from the account you logged in with and is not a verified alias of it. Providers enforce this against forged senders.', fix: 'Send with your own address, or add the other address as a verified alias in the account.' },
    de: { title: 'Absenderadresse gehört nicht dir', meaning: 'Du bist angemeldet, aber die Absenderadresse gehört jemand anderem. Die 553 „Ungültige Absenderadresse“ aus dem Artikel ist dieser Fall.', cause: 'Die From-/MAIL-FROM-Adresse weicht vom angemeldeten Konto ab und ist kein bestätigter Alias davon. Anbieter erzwingen das gegen gefälschte Absender.', fix: 'Mit der eigenen Adresse senden, oder die andere Adresse im Konto als bestätigten Alias eintragen.' },
  },
  'sender.not-allowed': {
    code: 550, enhanced: '5.7.1', text: '<{address}>: Sender address rejected: Access denied', origin: 'neutral',
    en: { title: 'Sender address not allowed', meaning: 'The server refuses mail from this sender address. The seed article lists 550 as "sender address not allowed".', cause: 'The sender is on a block list of the server, or the provider allows only verified sender addresses. (Postfix\'s own access maps answer 554 by default; providers often use 550.)', fix: 'Use an address that belongs to your account, or ask the server\'s administrator why it is blocked.' },
    de: { title: 'Absenderadresse nicht erlaubt', meaning: 'Der Server lehnt Mail von dieser Absenderadresse ab. Der Artikel führt 550 als „Absenderadresse nicht erlaubt“.', cause: 'Der Absender steht auf einer Sperrliste des Servers, oder der Anbieter erlaubt nur bestätigte Absenderadressen. (Postfix\' eigene Access-Tabellen antworten normalerweise mit 554; Anbieter verwenden oft 550.)', fix: 'Eine Adresse verwenden, die zum eigenen Konto gehört, oder den Administrator des Servers fragen, warum sie gesperrt ist.' },
  },
  'sender.unknown-domain': {
    code: 550, enhanced: '5.1.8', text: '<{address}>: Sender address rejected: Domain not found', origin: 'postfix',
    en: { title: 'Sender domain does not exist', meaning: 'The domain of the sender address has no MX or A record, so nobody could answer this mail.', cause: 'A typo in the sender domain, or a domain that is not (or no longer) in DNS. Postfix answers 450 by default, 550 with unknown_address_reject_code = 550.', fix: 'Check the sender address in the account settings; check the domain\'s DNS records.' },
    de: { title: 'Absenderdomain existiert nicht', meaning: 'Die Domain der Absenderadresse hat keinen MX- oder A-Eintrag, also könnte niemand auf diese Mail antworten.', cause: 'Ein Tippfehler in der Absenderdomain, oder eine Domain, die (nicht mehr) im DNS steht. Postfix antwortet normalerweise mit 450, mit unknown_address_reject_code = 550 mit 550.', fix: 'Die Absenderadresse in den Kontoeinstellungen prüfen; die DNS-Einträge der Domain prüfen.' },
  },
  'sender.non-fqdn': {
    code: 504, enhanced: '5.5.2', text: '<{address}>: Sender address rejected: need fully-qualified address', origin: 'postfix',
    en: { title: 'Sender address incomplete', meaning: 'The sender address has no domain (for example just "alice").', cause: 'A mail program or script that sends only the user name.', fix: 'Use the full address, alice@example.com.' },
    de: { title: 'Absenderadresse unvollständig', meaning: 'Die Absenderadresse hat keine Domain (zum Beispiel nur „alice“).', cause: 'Ein Mailprogramm oder Skript, das nur den Benutzernamen sendet.', fix: 'Die vollständige Adresse verwenden, alice@example.com.' },
  },
} satisfies Record<string, ReplyData>;
