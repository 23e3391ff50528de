/**
 * The IMAP reply table: every status response the simulated IMAP server sends (the part after
 * the tag or `*`), as Dovecot 2.3 sends it (shared/REAL-REPLIES.md, Dovecot's imap and
 * imap-login sources), with what it means in English and German for the console.
 * RFC 9051 §7.1 (status responses), RFC 5530 (response codes such as AUTHENTICATIONFAILED).
 */
import { MailboxReplyTable, type MailboxReplyData, type MailboxExplanation, type MailboxVars } from './mailbox-reply-table';

const t = (title: string, meaning: string, cause: string, fix: string) => ({ title, meaning, cause, fix });
const TIMING = '(0.001 + 0.000 secs).';
const done = (verb: string, en: string, de: string): MailboxReplyData => ({
  text: `OK ${verb} completed ${TIMING}`, origin: 'dovecot',
  en: t(`${verb} done`, `${en} Dovecot adds how long the command took.`, `The client sent ${verb.toUpperCase()}.`, 'Nothing to fix.'),
  de: t(`${verb} erledigt`, `${de} Dovecot hängt an, wie lange der Befehl gedauert hat.`, `Der Client hat ${verb.toUpperCase()} gesendet.`, 'Nichts zu tun.'),
});

/** IMAP_REPLIES: the table, keyed by situation. */
export const IMAP_REPLIES = {
  greeting: {
    text: 'OK [CAPABILITY {caps}] Dovecot (Debian) ready.', origin: 'recorded',
    en: t('Greeting', 'The IMAP server accepted the connection (not authenticated state, RFC 9051 §3.1) and lists its capabilities right away: STARTTLS, the login methods (AUTH=...), IDLE, LITERAL+.', 'A client connected to port 143, or to 993 after the TLS handshake.', 'Nothing to fix. Every command starts with a tag of your choice: a1 LOGIN user password.'),
    de: t('Begrüßung', 'Der IMAP-Server hat die Verbindung angenommen (Zustand „nicht angemeldet“, RFC 9051 §3.1) und nennt gleich seine Fähigkeiten: STARTTLS, die Anmeldeverfahren (AUTH=...), IDLE, LITERAL+.', 'Ein Client hat sich mit Port 143 verbunden, oder mit 993 nach dem TLS-Handshake.', 'Nichts zu tun. Jeder Befehl beginnt mit einer frei gewählten Marke (Tag): a1 LOGIN benutzer passwort.'),
  },
  'capability.prelogin': {
    text: 'OK Pre-login capabilities listed, post-login capabilities have more.', origin: 'recorded',
    en: t('Capabilities', 'The * CAPABILITY line before it lists what the server offers now; after login it offers more.', 'The client sent CAPABILITY.', 'Nothing to fix.'),
    de: t('Fähigkeiten', 'Die Zeile * CAPABILITY davor nennt, was der Server jetzt anbietet; nach der Anmeldung bietet er mehr.', 'Der Client hat CAPABILITY gesendet.', 'Nichts zu tun.'),
  },
  'capability.ok': {
    text: 'OK Capability completed.', origin: 'dovecot',
    en: t('Capabilities', 'The * CAPABILITY line before it lists what the server offers after login.', 'The client sent CAPABILITY.', 'Nothing to fix.'),
    de: t('Fähigkeiten', 'Die Zeile * CAPABILITY davor nennt, was der Server nach der Anmeldung anbietet.', 'Der Client hat CAPABILITY gesendet.', 'Nichts zu tun.'),
  },
  'starttls.ok': {
    text: 'OK Begin TLS negotiation now.', origin: 'recorded',
    en: t('Ready for TLS', 'The TLS handshake starts now (RFC 9051 §6.2.1). Afterwards the client must ask for CAPABILITY again; STARTTLS is no longer listed.', 'The client sent STARTTLS.', 'Nothing to fix.'),
    de: t('Bereit für TLS', 'Jetzt beginnt der TLS-Handshake (RFC 9051 §6.2.1). Danach muss der Client CAPABILITY neu abfragen; STARTTLS steht dann nicht mehr in der Liste.', 'Der Client hat STARTTLS gesendet.', 'Nichts zu tun.'),
  },
  'starttls.active': {
    text: 'BAD TLS is already active.', origin: 'dovecot',
    en: t('Already encrypted', 'This connection already runs inside TLS.', 'STARTTLS twice, or on port 993.', 'Just log in.'),
    de: t('Schon verschlüsselt', 'Diese Verbindung läuft schon in TLS.', 'STARTTLS zweimal, oder an Port 993.', 'Einfach anmelden.'),
  },
  'starttls.disabled': {
    text: "BAD TLS support isn't enabled.", origin: 'dovecot',
    en: t('No TLS here', 'This service offers no STARTTLS.', 'The server is set up without TLS on this port.', 'Use port 993, or ask the administrator.'),
    de: t('Kein TLS hier', 'Dieser Dienst bietet kein STARTTLS an.', 'Der Server ist an diesem Port ohne TLS eingerichtet.', 'Port 993 benutzen oder den Administrator fragen.'),
  },
  'login.ok': {
    text: 'OK [CAPABILITY {caps}] Logged in', origin: 'recorded',
    en: t('Logged in', 'User name and password were right: the session is now authenticated (RFC 9051 §3.2) and the server lists what it offers after login.', 'A correct LOGIN or AUTHENTICATE.', 'Nothing to fix. Next: LIST or SELECT INBOX.'),
    de: t('Angemeldet', 'Benutzername und Passwort stimmten: Die Sitzung ist jetzt angemeldet (RFC 9051 §3.2), und der Server nennt, was er danach anbietet.', 'Ein richtiges LOGIN oder AUTHENTICATE.', 'Nichts zu tun. Als Nächstes LIST oder SELECT INBOX.'),
  },
  'login.failed': {
    text: 'NO [AUTHENTICATIONFAILED] Authentication failed.', origin: 'recorded',
    en: t('Login failed', 'User name or password is wrong (RFC 5530 AUTHENTICATIONFAILED). Dovecot answers only after about 2 s, to slow down password guessing.', 'A typo, the wrong user name (here the full address), or a password with spaces sent without quotes.', 'Check the account settings. Quote a password with spaces: a1 LOGIN user "my secret".'),
    de: t('Anmeldung fehlgeschlagen', 'Benutzername oder Passwort ist falsch (RFC 5530 AUTHENTICATIONFAILED). Dovecot antwortet erst nach etwa 2 s, um das Raten von Passwörtern zu bremsen.', 'Ein Tippfehler, der falsche Benutzername (hier die volle Adresse) oder ein Passwort mit Leerzeichen ohne Anführungszeichen.', 'Kontoeinstellungen prüfen. Ein Passwort mit Leerzeichen in Anführungszeichen setzen: a1 LOGIN user "mein geheimnis".'),
  },
  'login.app-password': {
    text: 'NO [ALERT] Application-specific password required.', origin: 'neutral',
    en: t('App password required', 'The password is the account password, but this account lets mail programs in only with an app password (two-factor login is on).', 'The provider requires app passwords for IMAP, POP3 and SMTP.', "Create an app password in the provider's web settings and use it in the mail program."),
    de: t('App-Passwort nötig', 'Das ist das Kontopasswort, aber dieses Konto lässt Mailprogramme nur mit einem App-Passwort herein (Zwei-Faktor-Anmeldung ist an).', 'Der Anbieter verlangt App-Passwörter für IMAP, POP3 und SMTP.', 'Im Webportal des Anbieters ein App-Passwort erzeugen und im Mailprogramm benutzen.'),
  },
  'login.tag-missing': {
    text: "BAD First parameter in line is IMAP's command tag, not the command name. Add that before the command, like: a login user pass", origin: 'dovecot',
    en: t('Tag missing', 'In IMAP every command starts with a tag the client chooses; the server repeats it in its final answer. Here the tag is missing, so LOGIN was taken as the tag.', 'Typing "LOGIN user pass" as in POP3.', 'Put a tag first: a1 LOGIN user pass.'),
    de: t('Tag fehlt', 'In IMAP beginnt jeder Befehl mit einer Marke (Tag), die der Client wählt; der Server wiederholt sie in seiner Schlussantwort. Hier fehlt das Tag, also wurde LOGIN als Tag gelesen.', '„LOGIN user pass“ getippt wie bei POP3.', 'Ein Tag voranstellen: a1 LOGIN user pass.'),
  },
  'auth.continue': {
    text: '+ {challenge}', origin: 'recorded',
    en: t('Go on', 'A continuation request: the server waits for the next line, here the SASL answer in base64 (RFC 9051 §7.5).', 'AUTHENTICATE without an initial response (no SASL-IR).', 'Send base64 of NUL user NUL password, or * to cancel.'),
    de: t('Weiter', 'Eine Fortsetzungsaufforderung: Der Server wartet auf die nächste Zeile, hier die SASL-Antwort in Base64 (RFC 9051 §7.5).', 'AUTHENTICATE ohne erste Antwort (ohne SASL-IR).', 'Base64 von NUL Benutzer NUL Passwort senden, oder * zum Abbrechen.'),
  },
  'auth.aborted': {
    text: 'BAD Authentication aborted by client.', origin: 'dovecot',
    en: t('Login cancelled', 'The client answered the challenge with * (RFC 9051 §6.2.2).', 'The client gave up.', 'Start again.'),
    de: t('Anmeldung abgebrochen', 'Der Client hat die Aufforderung mit * beantwortet (RFC 9051 §6.2.2).', 'Der Client hat aufgegeben.', 'Neu beginnen.'),
  },
  'auth.unsupported': {
    text: 'NO Unsupported authentication mechanism.', origin: 'dovecot',
    en: t('Unknown login method', 'The server offers only the mechanisms listed as AUTH=... in CAPABILITY.', 'A mechanism the server does not have.', 'Use AUTHENTICATE PLAIN or LOGIN.'),
    de: t('Unbekanntes Anmeldeverfahren', 'Der Server bietet nur die Verfahren an, die CAPABILITY als AUTH=... nennt.', 'Ein Verfahren, das der Server nicht hat.', 'AUTHENTICATE PLAIN oder LOGIN benutzen.'),
  },
  'auth.bad-base64': {
    text: 'BAD Invalid base64 data in initial response', origin: 'dovecot',
    en: t('Not base64', 'The SASL answer is not valid base64.', 'Credentials typed in clear text.', 'Encode NUL user NUL password in base64.'),
    de: t('Kein Base64', 'Die SASL-Antwort ist kein gültiges Base64.', 'Zugangsdaten im Klartext getippt.', 'NUL Benutzer NUL Passwort in Base64 kodieren.'),
  },
  'literal.continue': {
    text: '+ OK', origin: 'recorded',
    en: t('Send the literal', 'The client announced a literal {n}: n octets of data follow. The server agrees before they come (RFC 9051 §4.3); with LITERAL+ ({n+}) the client does not wait.', 'A string sent as a literal, e.g. a password with special characters.', 'Nothing to fix; send exactly n octets.'),
    de: t('Literal senden', 'Der Client hat ein Literal {n} angekündigt: n Oktette Daten folgen. Der Server stimmt zu, bevor sie kommen (RFC 9051 §4.3); mit LITERAL+ ({n+}) wartet der Client nicht.', 'Eine Zeichenkette als Literal, z. B. ein Passwort mit Sonderzeichen.', 'Nichts zu tun; genau n Oktette senden.'),
  },
  'prelogin.bad': {
    text: 'BAD Error in IMAP command received by server.', origin: 'recorded',
    en: t('Not before login', 'Before login Dovecot accepts only CAPABILITY, STARTTLS, LOGIN, AUTHENTICATE, ID, NOOP and LOGOUT. Three bad commands end the connection.', 'SELECT, LIST or a typo before logging in.', 'Log in first: a1 LOGIN user password.'),
    de: t('Nicht vor der Anmeldung', 'Vor der Anmeldung nimmt Dovecot nur CAPABILITY, STARTTLS, LOGIN, AUTHENTICATE, ID, NOOP und LOGOUT an. Drei falsche Befehle beenden die Verbindung.', 'SELECT, LIST oder ein Tippfehler vor der Anmeldung.', 'Zuerst anmelden: a1 LOGIN benutzer passwort.'),
  },
  'bad.tag': {
    text: 'BAD Error in IMAP tag: Invalid tag', origin: 'recorded',
    en: t('Invalid tag', 'A tag may not contain spaces, parentheses, quotes, %, * or +. The server answers untagged, since it cannot repeat the tag.', 'A line that is no IMAP command (an HTTP request, typed garbage).', 'Start the line with a simple tag like a1.'),
    de: t('Ungültiges Tag', 'Ein Tag darf keine Leerzeichen, Klammern, Anführungszeichen, %, * oder + enthalten. Der Server antwortet ohne Tag, weil er es nicht wiederholen kann.', 'Eine Zeile, die kein IMAP-Befehl ist (eine HTTP-Anfrage, Tippmüll).', 'Die Zeile mit einem einfachen Tag wie a1 beginnen.'),
  },
  'bad.unknown': {
    text: 'BAD Error in IMAP command {command}: Unknown command', origin: 'recorded',
    en: t('Unknown command', 'The server does not know this command.', 'A typo, or a command from another protocol.', 'Check the spelling; CAPABILITY lists the extensions.'),
    de: t('Unbekannter Befehl', 'Der Server kennt diesen Befehl nicht.', 'Ein Tippfehler oder ein Befehl aus einem anderen Protokoll.', 'Schreibweise prüfen; CAPABILITY nennt die Erweiterungen.'),
  },
  'bad.args': {
    text: 'BAD Error in IMAP command {command}: Invalid arguments', origin: 'recorded',
    en: t('Wrong arguments', 'The command is known but its arguments are missing or malformed.', 'SELECT without a mailbox, FETCH without items, an unclosed quote.', 'Compare with the syntax in RFC 9051 §6.'),
    de: t('Falsche Argumente', 'Der Befehl ist bekannt, aber seine Argumente fehlen oder sind fehlerhaft.', 'SELECT ohne Postfach, FETCH ohne Datenelemente, ein offenes Anführungszeichen.', 'Mit der Syntax in RFC 9051 §6 vergleichen.'),
  },
  'bad.detail': {
    text: 'BAD Error in IMAP command {command}: {detail}', origin: 'dovecot',
    en: t('Command not understood', 'The server names the argument it could not use.', 'A mistyped search key or data item.', 'Fix the argument the server names.'),
    de: t('Befehl nicht verstanden', 'Der Server nennt das Argument, mit dem er nichts anfangen konnte.', 'Ein vertippter Suchschlüssel oder ein falsches Datenelement.', 'Das genannte Argument korrigieren.'),
  },
  'bad.messageset': {
    text: 'BAD Error in IMAP command {command}: Invalid messageset', origin: 'recorded',
    en: t('No such message', 'The sequence set names a message number the mailbox does not have (RFC 9051 §9: numbers run 1 to EXISTS).', 'FETCH 99 in a mailbox with fewer messages, or FETCH 1 in an empty one.', 'Use numbers up to the EXISTS count, or UID FETCH with UIDs.'),
    de: t('Keine solche Nachricht', 'Die Nachrichtenmenge nennt eine Nummer, die das Postfach nicht hat (RFC 9051 §9: Nummern laufen von 1 bis EXISTS).', 'FETCH 99 in einem Postfach mit weniger Nachrichten, oder FETCH 1 in einem leeren.', 'Nummern bis zur EXISTS-Zahl benutzen, oder UID FETCH mit UIDs.'),
  },
  'bad.no-select': {
    text: 'BAD No mailbox selected.', origin: 'dovecot',
    en: t('No mailbox selected', 'FETCH, STORE, SEARCH, EXPUNGE and CLOSE work on the selected mailbox; there is none (authenticated state, RFC 9051 §3.2).', 'The client skipped SELECT, or CLOSE came before.', 'SELECT INBOX first.'),
    de: t('Kein Postfach ausgewählt', 'FETCH, STORE, SEARCH, EXPUNGE und CLOSE arbeiten auf dem ausgewählten Postfach; es gibt keins (Zustand „angemeldet“, RFC 9051 §3.2).', 'Der Client hat SELECT ausgelassen, oder vorher kam CLOSE.', 'Zuerst SELECT INBOX.'),
  },
  'too-many-bad': {
    text: 'BYE Too many invalid IMAP commands.', origin: 'recorded',
    en: t('Too many mistakes', 'The server hangs up after too many bad commands (3 before login, 20 after).', 'A client speaking another protocol, or random input.', 'Reconnect and check the commands.'),
    de: t('Zu viele Fehler', 'Der Server legt nach zu vielen falschen Befehlen auf (3 vor der Anmeldung, 20 danach).', 'Ein Client, der ein anderes Protokoll spricht, oder zufällige Eingaben.', 'Neu verbinden und die Befehle prüfen.'),
  },
  'input-full': {
    text: 'BYE Input buffer full, aborting', origin: 'recorded',
    en: t('Line too long', 'The command line was longer than the server accepts; it closes the connection.', 'Data without line ends, or a huge literal.', 'Send shorter lines; large data as a literal in APPEND.'),
    de: t('Zeile zu lang', 'Die Befehlszeile war länger, als der Server annimmt; er schließt die Verbindung.', 'Daten ohne Zeilenende oder ein riesiges Literal.', 'Kürzere Zeilen senden; große Daten als Literal in APPEND.'),
  },
  timeout: {
    text: 'BYE Disconnected for inactivity.', origin: 'dovecot',
    en: t('Idle too long', 'The client sent nothing for too long; the server hangs up.', 'A stuck client, or a person who stopped typing.', 'Reconnect. Clients use IDLE or NOOP to stay connected.'),
    de: t('Zu lange untätig', 'Der Client hat zu lange nichts gesendet; der Server legt auf.', 'Ein hängender Client oder jemand, der aufgehört hat zu tippen.', 'Neu verbinden. Clients bleiben mit IDLE oder NOOP verbunden.'),
  },
  'select.ok': {
    text: `OK [READ-WRITE] Select completed ${TIMING}`, origin: 'recorded',
    en: t('Mailbox selected', 'The mailbox is open for reading and writing (selected state, RFC 9051 §3.3). The lines before it said how many messages it has (EXISTS), its UIDVALIDITY and the next UID.', 'The client sent SELECT.', 'Nothing to fix. FETCH and SEARCH work now.'),
    de: t('Postfach ausgewählt', 'Das Postfach ist zum Lesen und Schreiben geöffnet (Zustand „ausgewählt“, RFC 9051 §3.3). Die Zeilen davor nannten die Zahl der Nachrichten (EXISTS), UIDVALIDITY und die nächste UID.', 'Der Client hat SELECT gesendet.', 'Nichts zu tun. Jetzt gehen FETCH und SEARCH.'),
  },
  'examine.ok': {
    text: `OK [READ-ONLY] Examine completed ${TIMING}`, origin: 'dovecot',
    en: t('Mailbox opened read-only', 'Like SELECT, but nothing can change: no flags, no expunge, and reading does not set \\Seen.', 'The client sent EXAMINE.', 'Nothing to fix.'),
    de: t('Postfach nur lesend geöffnet', 'Wie SELECT, aber nichts kann sich ändern: keine Flags, kein Expunge, und Lesen setzt kein \\Seen.', 'Der Client hat EXAMINE gesendet.', 'Nichts zu tun.'),
  },
  'select.flags': {
    text: 'OK [PERMANENTFLAGS ({flags})] Flags permitted.', origin: 'recorded',
    en: t('Flags the client may set', 'These flags are stored permanently; \\* means the client may also invent its own keywords.', 'Part of the SELECT answer.', 'Nothing to fix.'),
    de: t('Erlaubte Flags', 'Diese Flags werden dauerhaft gespeichert; \\* heißt, der Client darf auch eigene Schlüsselwörter anlegen.', 'Teil der Antwort auf SELECT.', 'Nichts zu tun.'),
  },
  'select.read-only': {
    text: 'OK [PERMANENTFLAGS ()] Read-only mailbox.', origin: 'dovecot',
    en: t('No flags can change', 'The mailbox was opened read-only.', 'Part of the EXAMINE answer.', 'Nothing to fix.'),
    de: t('Keine Flags änderbar', 'Das Postfach wurde nur lesend geöffnet.', 'Teil der Antwort auf EXAMINE.', 'Nichts zu tun.'),
  },
  'select.unseen': {
    text: 'OK [UNSEEN {seq}] First unseen.', origin: 'recorded',
    en: t('First unread message', 'The sequence number of the first message without \\Seen.', 'Part of the SELECT answer when unread mail is there.', 'Nothing to fix.'),
    de: t('Erste ungelesene Nachricht', 'Die Nummer der ersten Nachricht ohne \\Seen.', 'Teil der Antwort auf SELECT, wenn ungelesene Post da ist.', 'Nichts zu tun.'),
  },
  'select.uidvalidity': {
    text: 'OK [UIDVALIDITY {uidvalidity}] UIDs valid', origin: 'recorded',
    en: t('UID validity', 'While this number stays the same, every UID keeps pointing at the same message, so a mail program may cache by UID (RFC 9051 §2.3.1.1).', 'Part of the SELECT answer.', 'Nothing to fix. If it ever changes, the program must download the list again.'),
    de: t('UID-Gültigkeit', 'Solange diese Zahl gleich bleibt, zeigt jede UID auf dieselbe Nachricht; ein Mailprogramm darf also nach UID zwischenspeichern (RFC 9051 §2.3.1.1).', 'Teil der Antwort auf SELECT.', 'Nichts zu tun. Ändert sie sich, muss das Programm die Liste neu laden.'),
  },
  'select.uidnext': {
    text: 'OK [UIDNEXT {uidnext}] Predicted next UID', origin: 'recorded',
    en: t('Next UID', 'The UID the next arriving message will get. A program that saw a smaller UIDNEXT last time knows new mail has come.', 'Part of the SELECT answer.', 'Nothing to fix.'),
    de: t('Nächste UID', 'Die UID, die die nächste ankommende Nachricht bekommt. Ein Programm, das beim letzten Mal ein kleineres UIDNEXT sah, weiß: Neue Post ist da.', 'Teil der Antwort auf SELECT.', 'Nichts zu tun.'),
  },
  'no-mailbox': {
    text: "NO Mailbox doesn't exist: {mailbox}", origin: 'dovecot',
    en: t('No such mailbox', 'There is no folder with this name.', 'A typo, or a folder another program names differently (Sent vs. Sent Items).', 'LIST "" "*" shows the folders.'),
    de: t('Kein solches Postfach', 'Es gibt keinen Ordner mit diesem Namen.', 'Ein Tippfehler oder ein Ordner, den ein anderes Programm anders nennt (Sent statt Gesendet).', 'LIST "" "*" zeigt die Ordner.'),
  },
  'no-mailbox.trycreate': {
    text: "NO [TRYCREATE] Mailbox doesn't exist: {mailbox}", origin: 'dovecot',
    en: t('Target missing', 'The target folder does not exist; TRYCREATE suggests creating it first.', 'COPY or APPEND to a missing folder.', 'CREATE the folder, then try again.'),
    de: t('Ziel fehlt', 'Der Zielordner existiert nicht; TRYCREATE schlägt vor, ihn erst anzulegen.', 'COPY oder APPEND in einen fehlenden Ordner.', 'Den Ordner mit CREATE anlegen und neu versuchen.'),
  },
  'read-only': {
    text: 'NO Mailbox is read-only.', origin: 'dovecot',
    en: t('Read-only', 'The mailbox was opened with EXAMINE; nothing can change.', 'STORE or EXPUNGE after EXAMINE.', 'SELECT it instead.'),
    de: t('Nur lesbar', 'Das Postfach wurde mit EXAMINE geöffnet; nichts kann sich ändern.', 'STORE oder EXPUNGE nach EXAMINE.', 'Stattdessen SELECT benutzen.'),
  },
  'create.exists': {
    text: 'NO [ALREADYEXISTS] Mailbox already exists', origin: 'dovecot',
    en: t('Already there', 'A folder with this name exists.', 'CREATE for an existing folder.', 'Nothing to fix.'),
    de: t('Schon vorhanden', 'Ein Ordner mit diesem Namen existiert.', 'CREATE für einen vorhandenen Ordner.', 'Nichts zu tun.'),
  },
  'delete.inbox': {
    text: "NO INBOX can't be deleted.", origin: 'dovecot',
    en: t('INBOX stays', 'INBOX is where new mail arrives; it cannot be deleted.', 'DELETE INBOX.', 'Delete the messages instead.'),
    de: t('INBOX bleibt', 'In INBOX kommt neue Post an; sie lässt sich nicht löschen.', 'DELETE INBOX.', 'Stattdessen die Nachrichten löschen.'),
  },
  'rename.cannot': {
    text: 'NO [CANNOT] Renaming folders is not possible in SMTP Lab.', origin: 'neutral',
    en: t('Not here', 'SMTP Lab does not simulate renaming folders.', 'RENAME.', 'Create a new folder and copy the messages.'),
    de: t('Nicht hier', 'SMTP Lab simuliert das Umbenennen von Ordnern nicht.', 'RENAME.', 'Einen neuen Ordner anlegen und die Nachrichten kopieren.'),
  },
  'idle.continue': {
    text: '+ idling', origin: 'dovecot',
    en: t('Waiting for news', 'IDLE (RFC 2177): the server will report new mail (* n EXISTS) as it arrives, without the client asking. DONE ends it.', 'The client sent IDLE.', 'Send DONE to go back to commands.'),
    de: t('Warten auf Neues', 'IDLE (RFC 2177): Der Server meldet neue Post (* n EXISTS), sobald sie ankommt, ohne dass der Client fragt. DONE beendet das.', 'Der Client hat IDLE gesendet.', 'DONE senden, um wieder Befehle zu geben.'),
  },
  'idle.bad': {
    text: 'BAD Expected DONE.', origin: 'dovecot',
    en: t('Expected DONE', 'While idling, the only thing the client may send is DONE.', 'A command typed during IDLE.', 'Send DONE first.'),
    de: t('DONE erwartet', 'Während IDLE darf der Client nur DONE senden.', 'Ein Befehl während IDLE.', 'Zuerst DONE senden.'),
  },
  'logout.bye': {
    text: 'BYE Logging out', origin: 'recorded',
    en: t('Goodbye', 'The server is about to close the connection (RFC 9051 §7.1.5).', 'The client sent LOGOUT.', 'Nothing to fix.'),
    de: t('Auf Wiedersehen', 'Der Server schließt gleich die Verbindung (RFC 9051 §7.1.5).', 'Der Client hat LOGOUT gesendet.', 'Nichts zu tun.'),
  },
  'logout.ok': {
    text: 'OK Logout completed.', origin: 'recorded',
    en: t('Logged out', 'The session is over; messages stay on the server.', 'The client sent LOGOUT.', 'Nothing to fix.'),
    de: t('Abgemeldet', 'Die Sitzung ist zu Ende; die Nachrichten bleiben auf dem Server.', 'Der Client hat LOGOUT gesendet.', 'Nichts zu tun.'),
  },
  'noop.prelogin': {
    text: 'OK NOOP completed.', origin: 'dovecot',
    en: t('Still here', 'The server did nothing, but the connection is alive.', 'The client sent NOOP.', 'Nothing to fix.'),
    de: t('Noch da', 'Der Server hat nichts getan, aber die Verbindung lebt.', 'Der Client hat NOOP gesendet.', 'Nichts zu tun.'),
  },
  'noop.ok': done('NOOP', 'Any news came before it (* n EXISTS for new mail, * n EXPUNGE for removed mail).', 'Neuigkeiten kamen davor (* n EXISTS für neue, * n EXPUNGE für entfernte Post).'),
  'check.ok': done('Check', 'The mailbox is up to date.', 'Das Postfach ist auf dem neuesten Stand.'),
  'fetch.ok': done('Fetch', 'The * n FETCH lines before it carried the data asked for. Reading BODY[] without PEEK set \\Seen, and the FLAGS in the same line show it.', 'Die Zeilen * n FETCH davor brachten die verlangten Daten. BODY[] ohne PEEK hat \\Seen gesetzt; die FLAGS in derselben Zeile zeigen es.'),
  'store.ok': done('Store', 'The flags changed; * n FETCH (FLAGS ...) lines show the new ones unless .SILENT was asked for.', 'Die Flags sind geändert; Zeilen * n FETCH (FLAGS ...) zeigen die neuen, außer bei .SILENT.'),
  'search.ok': done('Search', 'The * SEARCH line lists the matching message numbers (UIDs for UID SEARCH).', 'Die Zeile * SEARCH nennt die passenden Nachrichtennummern (UIDs bei UID SEARCH).'),
  'expunge.ok': done('Expunge', 'Messages flagged \\Deleted are gone; each * n EXPUNGE line removed one, and later numbers moved down.', 'Nachrichten mit \\Deleted sind weg; jede Zeile * n EXPUNGE hat eine entfernt, spätere Nummern rücken nach.'),
  'status.ok': done('Status', 'The * STATUS line gives counts of a mailbox without selecting it.', 'Die Zeile * STATUS nennt Zahlen eines Postfachs, ohne es auszuwählen.'),
  'list.ok': done('List', 'The * LIST lines name the folders, with "/" as the separator.', 'Die Zeilen * LIST nennen die Ordner, mit "/" als Trennzeichen.'),
  'lsub.ok': done('Lsub', 'The * LSUB lines name the subscribed folders.', 'Die Zeilen * LSUB nennen die abonnierten Ordner.'),
  'copy.ok': done('Copy', 'The messages were copied to the other folder.', 'Die Nachrichten wurden in den anderen Ordner kopiert.'),
  'append.ok': done('Append', 'The message was stored in the folder (mail programs save sent mail like this).', 'Die Nachricht wurde im Ordner gespeichert (so legen Mailprogramme gesendete Post ab).'),
  'idle.ok': done('Idle', 'IDLE has ended; commands work again.', 'IDLE ist beendet; Befehle gehen wieder.'),
  'create.ok': done('Create', 'The folder exists now.', 'Der Ordner existiert jetzt.'),
  'delete.ok': done('Delete', 'The folder and its messages are gone.', 'Der Ordner und seine Nachrichten sind weg.'),
  'subscribe.ok': done('Subscribe', 'The folder is subscribed.', 'Der Ordner ist abonniert.'),
  'unsubscribe.ok': done('Unsubscribe', 'The folder is no longer subscribed.', 'Der Ordner ist nicht mehr abonniert.'),
  'close.ok': {
    text: 'OK Close completed.', origin: 'dovecot',
    en: t('Mailbox closed', 'Messages flagged \\Deleted were removed silently, and the session is back in the authenticated state.', 'The client sent CLOSE.', 'Nothing to fix.'),
    de: t('Postfach geschlossen', 'Nachrichten mit \\Deleted wurden still entfernt, und die Sitzung ist wieder im Zustand „angemeldet“.', 'Der Client hat CLOSE gesendet.', 'Nichts zu tun.'),
  },
  'unselect.ok': {
    text: 'OK Unselect completed.', origin: 'dovecot',
    en: t('Mailbox left', 'Like CLOSE, but nothing is removed (RFC 3691).', 'The client sent UNSELECT.', 'Nothing to fix.'),
    de: t('Postfach verlassen', 'Wie CLOSE, aber nichts wird entfernt (RFC 3691).', 'Der Client hat UNSELECT gesendet.', 'Nichts zu tun.'),
  },
  'namespace.ok': {
    text: 'OK Namespace completed.', origin: 'dovecot',
    en: t('Namespaces', 'Folder names have no prefix and use "/" between levels.', 'The client sent NAMESPACE.', 'Nothing to fix.'),
    de: t('Namensräume', 'Ordnernamen haben kein Präfix und trennen Ebenen mit "/".', 'Der Client hat NAMESPACE gesendet.', 'Nichts zu tun.'),
  },
  'id.ok': {
    text: 'OK ID completed.', origin: 'dovecot',
    en: t('Identified', 'Client and server told each other their names (RFC 2971).', 'The client sent ID.', 'Nothing to fix.'),
    de: t('Vorgestellt', 'Client und Server haben sich ihre Namen genannt (RFC 2971).', 'Der Client hat ID gesendet.', 'Nichts zu tun.'),
  },
  'enable.ok': {
    text: 'OK Enabled.', origin: 'dovecot',
    en: t('Enabled', 'None of the asked extensions needed switching on here.', 'The client sent ENABLE.', 'Nothing to fix.'),
    de: t('Eingeschaltet', 'Keine der verlangten Erweiterungen musste hier eingeschaltet werden.', 'Der Client hat ENABLE gesendet.', 'Nichts zu tun.'),
  },
} as const satisfies Record<string, MailboxReplyData>;

/** ImapReplyKey: the name of one IMAP reply-table entry. */
export type ImapReplyKey = keyof typeof IMAP_REPLIES;

/** IMAP_REPLY_TABLE: the table with matching and explanations. */
export const IMAP_REPLY_TABLE = new MailboxReplyTable<ImapReplyKey>(IMAP_REPLIES);

/** imapReply writes a response line: `imapReply('a1', 'login.failed')` → `a1 NO [AUTHENTICATIONFAILED] Authentication failed.`; tag `*` for untagged, `+` lines ignore the tag. */
export function imapReply(tag: string, key: ImapReplyKey, vars?: MailboxVars): string {
  const text = IMAP_REPLY_TABLE.text(key, vars);
  return text.startsWith('+') ? text : `${tag} ${text}`;
}

/** explainImapReply explains one IMAP response line (tagged, untagged or `+`) in `lang`; undefined when no entry fits. */
export function explainImapReply(line: string, lang: 'en' | 'de'): MailboxExplanation | undefined {
  const first = line.split('\r\n')[0];
  const text = first.startsWith('+') ? first : first.slice(first.indexOf(' ') + 1);
  return IMAP_REPLY_TABLE.explain(text, lang);
}
