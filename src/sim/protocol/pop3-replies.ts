/**
 * The POP3 reply table: every status line the simulated POP3 server sends, as Dovecot 2.3 sends
 * it (shared/REAL-REPLIES.md, Dovecot's pop3 and pop3-login sources), with what it means in
 * English and German for the console. RFC 1939 (POP3), RFC 2449 (CAPA, response codes),
 * RFC 2595 (STLS), RFC 5034 (AUTH), RFC 3206 ([AUTH], [SYS/TEMP]).
 */
import { MailboxReplyTable, type MailboxReplyData, type MailboxExplanation, type MailboxVars } from './mailbox-reply-table';

const t = (title: string, meaning: string, cause: string, fix: string) => ({ title, meaning, cause, fix });

/** POP3_REPLIES: the table, keyed by situation. */
export const POP3_REPLIES = {
  greeting: {
    text: '+OK Dovecot (Debian) ready.', origin: 'recorded',
    en: t('Greeting', 'The POP3 server accepted the connection and waits for a login (AUTHORIZATION state, RFC 1939 §4).', 'A client connected to port 110, or to 995 after the TLS handshake.', 'Nothing to fix. Log in with USER and PASS, or AUTH PLAIN.'),
    de: t('Begrüßung', 'Der POP3-Server hat die Verbindung angenommen und wartet auf die Anmeldung (Zustand AUTHORIZATION, RFC 1939 §4).', 'Ein Client hat sich mit Port 110 verbunden, oder mit 995 nach dem TLS-Handshake.', 'Nichts zu tun. Mit USER und PASS oder AUTH PLAIN anmelden.'),
  },
  'capa.list': {
    text: '+OK', origin: 'recorded', commands: ['CAPA'],
    en: t('Capabilities', 'The lines up to the lone dot list what this server can do (RFC 2449): TOP, UIDL, STLS for encryption, USER and SASL for login methods.', 'The client sent CAPA.', 'Nothing to fix. If STLS is missing, the connection is already encrypted or the server offers no TLS here.'),
    de: t('Fähigkeiten', 'Die Zeilen bis zum einzelnen Punkt zählen auf, was der Server kann (RFC 2449): TOP, UIDL, STLS zum Verschlüsseln, USER und SASL als Anmeldeverfahren.', 'Der Client hat CAPA gesendet.', 'Nichts zu tun. Fehlt STLS, ist die Verbindung schon verschlüsselt oder der Server bietet hier kein TLS an.'),
  },
  'user.ok': {
    text: '+OK', origin: 'recorded', commands: ['USER'],
    en: t('User name noted', 'The server remembers the user name and waits for PASS. It does not say yet whether the user exists, so attackers cannot probe for names.', 'The client sent USER.', 'Send PASS with the password next.'),
    de: t('Benutzername gemerkt', 'Der Server merkt sich den Benutzernamen und wartet auf PASS. Ob es den Benutzer gibt, verrät er noch nicht, damit Angreifer keine Namen ausprobieren können.', 'Der Client hat USER gesendet.', 'Als Nächstes PASS mit dem Passwort senden.'),
  },
  'rset.ok': {
    text: '+OK', origin: 'recorded', commands: ['RSET'],
    en: t('Deletions undone', 'Every message marked with DELE in this session is unmarked again (RFC 1939 §5).', 'The client sent RSET.', 'Nothing to fix.'),
    de: t('Löschungen zurückgenommen', 'Alle in dieser Sitzung mit DELE markierten Nachrichten sind wieder unmarkiert (RFC 1939 §5).', 'Der Client hat RSET gesendet.', 'Nichts zu tun.'),
  },
  'noop.ok': {
    text: '+OK', origin: 'recorded', commands: ['NOOP'],
    en: t('Still here', 'The server does nothing and says so; the connection is alive.', 'The client sent NOOP, often to keep the connection open.', 'Nothing to fix.'),
    de: t('Noch da', 'Der Server tut nichts und bestätigt das; die Verbindung lebt.', 'Der Client hat NOOP gesendet, oft um die Verbindung offen zu halten.', 'Nichts zu tun.'),
  },
  'uidl.list': {
    text: '+OK', origin: 'recorded', commands: ['UIDL'],
    en: t('Unique IDs', 'One line per message: its number in this session and an ID that never changes (Dovecot: UID and UIDVALIDITY in hex). Mail programs use it to remember what they already downloaded.', 'The client sent UIDL (RFC 1939 §7).', 'Nothing to fix.'),
    de: t('Eindeutige IDs', 'Eine Zeile pro Nachricht: ihre Nummer in dieser Sitzung und eine ID, die sich nie ändert (Dovecot: UID und UIDVALIDITY in Hex). Mailprogramme merken sich damit, was sie schon heruntergeladen haben.', 'Der Client hat UIDL gesendet (RFC 1939 §7).', 'Nichts zu tun.'),
  },
  'top.ok': {
    text: '+OK', origin: 'dovecot', commands: ['TOP'],
    en: t('Header and first lines', 'The header of the message follows, the empty line, and as many body lines as asked for, then a lone dot.', 'The client sent TOP n lines (RFC 1939 §7).', 'Nothing to fix.'),
    de: t('Kopf und erste Zeilen', 'Es folgen der Kopf der Nachricht, die Leerzeile und so viele Textzeilen wie verlangt, dann ein einzelner Punkt.', 'Der Client hat TOP n Zeilen gesendet (RFC 1939 §7).', 'Nichts zu tun.'),
  },
  'auth.list': {
    text: '+OK', origin: 'dovecot', commands: ['AUTH'],
    en: t('Login methods', 'AUTH without a mechanism lists the SASL methods (an old discovery Outlook uses).', 'The client sent AUTH alone.', 'Nothing to fix. Use AUTH PLAIN next.'),
    de: t('Anmeldeverfahren', 'AUTH ohne Verfahren listet die SASL-Methoden auf (eine alte Abfrage, die Outlook nutzt).', 'Der Client hat nur AUTH gesendet.', 'Nichts zu tun. Danach AUTH PLAIN benutzen.'),
  },
  'stls.ok': {
    text: '+OK Begin TLS negotiation now.', origin: 'recorded',
    en: t('Ready for TLS', 'The TLS handshake starts now (RFC 2595 §4); afterwards everything, including the password, is encrypted.', 'The client sent STLS.', 'Nothing to fix. Send CAPA again after the handshake.'),
    de: t('Bereit für TLS', 'Jetzt beginnt der TLS-Handshake (RFC 2595 §4); danach ist alles verschlüsselt, auch das Passwort.', 'Der Client hat STLS gesendet.', 'Nichts zu tun. Nach dem Handshake CAPA noch einmal senden.'),
  },
  'stls.active': {
    text: '-ERR TLS is already active.', origin: 'dovecot',
    en: t('Already encrypted', 'This connection already runs inside TLS.', 'STLS twice, or STLS on port 995 (implicit TLS).', 'Nothing to fix; just log in.'),
    de: t('Schon verschlüsselt', 'Diese Verbindung läuft schon in TLS.', 'STLS zweimal, oder STLS an Port 995 (implizites TLS).', 'Nichts zu tun; einfach anmelden.'),
  },
  'stls.disabled': {
    text: "-ERR TLS support isn't enabled.", origin: 'dovecot',
    en: t('No TLS here', 'This server offers no STLS on this port.', 'The server is configured without TLS for this service.', 'Use port 995 with TLS from the start, or ask the administrator.'),
    de: t('Kein TLS hier', 'Der Server bietet an diesem Port kein STLS an.', 'Der Dienst ist ohne TLS eingerichtet.', 'Port 995 mit TLS von Anfang an benutzen oder den Administrator fragen.'),
  },
  'login.ok': {
    text: '+OK Logged in.', origin: 'recorded',
    en: t('Logged in', 'The password was right; the server has locked the mailbox for this session (TRANSACTION state, RFC 1939 §5).', 'Correct PASS or AUTH.', 'Nothing to fix. STAT, LIST, RETR and DELE work now.'),
    de: t('Angemeldet', 'Das Passwort stimmte; der Server hat das Postfach für diese Sitzung gesperrt (Zustand TRANSACTION, RFC 1939 §5).', 'Richtiges PASS oder AUTH.', 'Nichts zu tun. Jetzt gehen STAT, LIST, RETR und DELE.'),
  },
  'login.failed': {
    text: '-ERR [AUTH] Authentication failed.', origin: 'recorded',
    en: t('Login failed', 'User name or password is wrong. [AUTH] (RFC 3206) says it is the credentials, not a server problem. Dovecot waits about 2 s before answering, to slow down password guessing.', 'A typo in the password, the wrong user name (the full address here), or an app password is needed.', 'Check user name and password in the account settings and try again; the same connection may retry.'),
    de: t('Anmeldung fehlgeschlagen', 'Benutzername oder Passwort ist falsch. [AUTH] (RFC 3206) sagt, dass es an den Zugangsdaten liegt, nicht am Server. Dovecot wartet etwa 2 s mit der Antwort, um das Raten von Passwörtern zu bremsen.', 'Ein Tippfehler im Passwort, der falsche Benutzername (hier die volle Adresse), oder es braucht ein App-Passwort.', 'Benutzername und Passwort in den Kontoeinstellungen prüfen und neu versuchen; auf derselben Verbindung geht das.'),
  },
  'login.app-password': {
    text: '-ERR [AUTH] Application-specific password required.', origin: 'neutral',
    en: t('App password required', 'The account password is right, but this account only lets mail programs in with an app password (usually because two-factor login is on).', 'The provider requires app passwords for POP3, IMAP and SMTP.', 'Create an app password in the provider\'s web settings and enter it in the mail program instead of the normal password.'),
    de: t('App-Passwort nötig', 'Das Kontopasswort stimmt, aber dieses Konto lässt Mailprogramme nur mit einem App-Passwort herein (meist, weil die Zwei-Faktor-Anmeldung an ist).', 'Der Anbieter verlangt App-Passwörter für POP3, IMAP und SMTP.', 'Im Webportal des Anbieters ein App-Passwort erzeugen und im Mailprogramm statt des normalen Passworts eintragen.'),
  },
  'login.no-user': {
    text: '-ERR No username given.', origin: 'dovecot',
    en: t('USER missing', 'PASS came without a USER before it.', 'The client skipped USER.', 'Send USER with the address first, then PASS.'),
    de: t('USER fehlt', 'PASS kam ohne vorheriges USER.', 'Der Client hat USER ausgelassen.', 'Zuerst USER mit der Adresse senden, dann PASS.'),
  },
  'sasl.continue': {
    text: '+ {challenge}', origin: 'recorded',
    en: t('Go on', 'The server waits for the next SASL step in base64 (RFC 5034 §4). For PLAIN the challenge is empty: send base64 of NUL user NUL password.', 'AUTH without the credentials on the same line.', 'Send the base64 line, or * to cancel.'),
    de: t('Weiter', 'Der Server wartet auf den nächsten SASL-Schritt in Base64 (RFC 5034 §4). Bei PLAIN ist die Aufforderung leer: Base64 von NUL Benutzer NUL Passwort senden.', 'AUTH ohne die Zugangsdaten in derselben Zeile.', 'Die Base64-Zeile senden, oder * zum Abbrechen.'),
  },
  'sasl.aborted': {
    text: '-ERR Authentication aborted by client.', origin: 'dovecot',
    en: t('Login cancelled', 'The client answered the challenge with * and so cancelled the login (RFC 5034 §4).', 'The client gave up the AUTH exchange.', 'Nothing to fix; start again with AUTH or USER.'),
    de: t('Anmeldung abgebrochen', 'Der Client hat die Aufforderung mit * beantwortet und damit die Anmeldung abgebrochen (RFC 5034 §4).', 'Der Client hat den AUTH-Austausch aufgegeben.', 'Nichts zu tun; mit AUTH oder USER neu beginnen.'),
  },
  'sasl.unsupported': {
    text: '-ERR Unsupported authentication mechanism.', origin: 'dovecot',
    en: t('Unknown login method', 'The server does not know this SASL mechanism; CAPA lists the ones it has after SASL.', 'A mistyped mechanism or one the server does not offer (say CRAM-MD5).', 'Use PLAIN or LOGIN.'),
    de: t('Unbekanntes Anmeldeverfahren', 'Der Server kennt dieses SASL-Verfahren nicht; CAPA nennt hinter SASL die, die er hat.', 'Ein vertipptes Verfahren oder eines, das der Server nicht anbietet (etwa CRAM-MD5).', 'PLAIN oder LOGIN benutzen.'),
  },
  'sasl.bad-base64': {
    text: '-ERR [AUTH] Invalid base64 data in initial response', origin: 'dovecot',
    en: t('Not base64', 'The SASL answer could not be decoded as base64, so there were no credentials to check.', 'The user name or password was typed in clear instead of base64.', 'Encode NUL user NUL password in base64 (for example with base64 on the command line).'),
    de: t('Kein Base64', 'Die SASL-Antwort ließ sich nicht als Base64 lesen, also gab es keine Zugangsdaten zu prüfen.', 'Benutzername oder Passwort wurde im Klartext statt in Base64 getippt.', 'NUL Benutzer NUL Passwort in Base64 kodieren (zum Beispiel mit base64 auf der Kommandozeile).'),
  },
  'unknown.prelogin': {
    text: '-ERR Unknown command.', origin: 'recorded',
    en: t('Not before login', 'Before login Dovecot knows only CAPA, USER, PASS, AUTH, STLS and QUIT; everything else, even STAT, is unknown. Three bad commands end the connection.', 'A mailbox command before logging in, or a typo.', 'Log in first with USER and PASS.'),
    de: t('Nicht vor der Anmeldung', 'Vor der Anmeldung kennt Dovecot nur CAPA, USER, PASS, AUTH, STLS und QUIT; alles andere, selbst STAT, ist unbekannt. Drei falsche Befehle beenden die Verbindung.', 'Ein Postfachbefehl vor der Anmeldung, oder ein Tippfehler.', 'Zuerst mit USER und PASS anmelden.'),
  },
  unknown: {
    text: '-ERR Unknown command: {command}', origin: 'recorded',
    en: t('Unknown command', 'The server does not know this command in this state.', 'A typo, or a command from another protocol (say SMTP\'s HELO).', 'Use STAT, LIST, RETR, DELE, UIDL, TOP, RSET, NOOP or QUIT.'),
    de: t('Unbekannter Befehl', 'Der Server kennt diesen Befehl in diesem Zustand nicht.', 'Ein Tippfehler oder ein Befehl aus einem anderen Protokoll (etwa HELO aus SMTP).', 'STAT, LIST, RETR, DELE, UIDL, TOP, RSET, NOOP oder QUIT benutzen.'),
  },
  'too-many-bad.prelogin': {
    text: '-ERR Too many invalid bad commands.', origin: 'recorded',
    en: t('Too many mistakes', 'After three unknown commands before login Dovecot hangs up, to get rid of clients that speak another protocol.', 'Three bad commands in a row.', 'Reconnect and log in first.'),
    de: t('Zu viele Fehler', 'Nach drei unbekannten Befehlen vor der Anmeldung legt Dovecot auf, um Clients loszuwerden, die ein anderes Protokoll sprechen.', 'Drei falsche Befehle hintereinander.', 'Neu verbinden und zuerst anmelden.'),
  },
  'too-many-bad': {
    text: '-ERR Too many bad commands.', origin: 'dovecot',
    en: t('Too many mistakes', 'After 20 failed commands in a row the server closes the connection.', 'A client stuck in a loop, or random input.', 'Reconnect; check what the client sends.'),
    de: t('Zu viele Fehler', 'Nach 20 fehlgeschlagenen Befehlen hintereinander schließt der Server die Verbindung.', 'Ein Client in einer Schleife oder zufällige Eingaben.', 'Neu verbinden; prüfen, was der Client sendet.'),
  },
  'input-full': {
    text: '-ERR Input buffer full, aborting', origin: 'recorded',
    en: t('Line too long', 'The command line was longer than the server reads; it closes the connection at once.', 'Data without line ends, or a client talking another protocol.', 'Send short command lines ending in CRLF.'),
    de: t('Zeile zu lang', 'Die Befehlszeile war länger, als der Server liest; er schließt die Verbindung sofort.', 'Daten ohne Zeilenende oder ein Client, der ein anderes Protokoll spricht.', 'Kurze Befehlszeilen mit CRLF am Ende senden.'),
  },
  stat: {
    text: '+OK {count} {size}', origin: 'recorded',
    en: t('Mailbox status', 'Number of messages and their total size in octets (RFC 1939 §5), not counting those marked for deletion.', 'The client sent STAT.', 'Nothing to fix.'),
    de: t('Postfachstatus', 'Anzahl der Nachrichten und ihre Gesamtgröße in Oktetten (RFC 1939 §5), ohne die zum Löschen markierten.', 'Der Client hat STAT gesendet.', 'Nichts zu tun.'),
  },
  'list.all': {
    text: '+OK {count} messages:', origin: 'recorded',
    en: t('Message list', 'One line per message follows: number and size in octets (CRLF counted, exactly what RETR will send), then a lone dot.', 'The client sent LIST.', 'Nothing to fix.'),
    de: t('Nachrichtenliste', 'Es folgt eine Zeile pro Nachricht: Nummer und Größe in Oktetten (CRLF mitgezählt, genau das, was RETR senden wird), dann ein einzelner Punkt.', 'Der Client hat LIST gesendet.', 'Nichts zu tun.'),
  },
  'list.one': {
    text: '+OK {num} {size}', origin: 'recorded',
    en: t('Message size', 'The number and size in octets of one message.', 'The client sent LIST with a message number.', 'Nothing to fix.'),
    de: t('Nachrichtengröße', 'Nummer und Größe in Oktetten einer Nachricht.', 'Der Client hat LIST mit einer Nachrichtennummer gesendet.', 'Nichts zu tun.'),
  },
  'uidl.one': {
    text: '+OK {num} {uidl}', origin: 'dovecot',
    en: t('Unique ID', 'The permanent ID of one message.', 'The client sent UIDL with a message number.', 'Nothing to fix.'),
    de: t('Eindeutige ID', 'Die bleibende ID einer Nachricht.', 'Der Client hat UIDL mit einer Nachrichtennummer gesendet.', 'Nichts zu tun.'),
  },
  retr: {
    text: '+OK {size} octets', origin: 'recorded',
    en: t('Here is the message', 'The whole message follows, lines starting with a dot get one more dot (byte-stuffing, RFC 1939 §3), and a lone dot ends it. Dovecot marks it as seen.', 'The client sent RETR.', 'Nothing to fix. The mail program removes the extra dots again.'),
    de: t('Hier ist die Nachricht', 'Die ganze Nachricht folgt; Zeilen mit einem Punkt am Anfang bekommen einen zweiten (Byte-Stuffing, RFC 1939 §3), ein einzelner Punkt beendet sie. Dovecot markiert sie als gelesen.', 'Der Client hat RETR gesendet.', 'Nichts zu tun. Das Mailprogramm entfernt die zusätzlichen Punkte wieder.'),
  },
  dele: {
    text: '+OK Marked to be deleted.', origin: 'recorded',
    en: t('Marked for deletion', 'The message is only marked. It is really deleted when the client says QUIT (UPDATE state, RFC 1939 §6); RSET or a broken connection keeps it.', 'The client sent DELE: a POP3 program that does not keep mail on the server.', 'Nothing to fix. To keep a copy on the server, turn on "leave messages on server".'),
    de: t('Zum Löschen markiert', 'Die Nachricht ist nur markiert. Wirklich gelöscht wird sie erst bei QUIT (Zustand UPDATE, RFC 1939 §6); RSET oder eine abgebrochene Verbindung erhält sie.', 'Der Client hat DELE gesendet: ein POP3-Programm, das keine Kopie auf dem Server lässt.', 'Nichts zu tun. Wer eine Kopie auf dem Server will, schaltet „Nachrichten auf dem Server belassen“ ein.'),
  },
  'msg.none': {
    text: "-ERR There's no message {num}.", origin: 'recorded',
    en: t('No such message', 'There is no message with this number in this session.', 'A number larger than STAT\'s count, or 0.', 'Use a number from LIST.'),
    de: t('Keine solche Nachricht', 'In dieser Sitzung gibt es keine Nachricht mit dieser Nummer.', 'Eine Nummer größer als die Anzahl aus STAT, oder 0.', 'Eine Nummer aus LIST benutzen.'),
  },
  'msg.deleted': {
    text: '-ERR Message is deleted.', origin: 'recorded',
    en: t('Already marked', 'This message is marked for deletion in this session.', 'DELE or RETR on a message after DELE.', 'RSET unmarks all messages.'),
    de: t('Schon markiert', 'Diese Nachricht ist in dieser Sitzung zum Löschen markiert.', 'DELE oder RETR auf eine Nachricht nach DELE.', 'RSET hebt alle Markierungen auf.'),
  },
  'msg.invalid': {
    text: '-ERR Invalid message number: {arg}', origin: 'recorded',
    en: t('Message number missing', 'The command needs a message number and got none, or something that is not a number.', 'RETR, DELE, LIST or TOP without a number.', 'Add the message number, e.g. RETR 1.'),
    de: t('Nachrichtennummer fehlt', 'Der Befehl braucht eine Nachrichtennummer und bekam keine oder etwas, das keine Zahl ist.', 'RETR, DELE, LIST oder TOP ohne Nummer.', 'Die Nummer anhängen, z. B. RETR 1.'),
  },
  'msg.too-large': {
    text: '-ERR Message number too large: {arg}', origin: 'dovecot',
    en: t('Number too large', 'The message number does not fit into a number the server can read.', 'A very long number.', 'Use a number from LIST.'),
    de: t('Zahl zu groß', 'Die Nachrichtennummer passt in keine Zahl, die der Server lesen kann.', 'Eine sehr lange Zahl.', 'Eine Nummer aus LIST benutzen.'),
  },
  'msg.noise': {
    text: '-ERR Noise after message number: {arg}', origin: 'dovecot',
    en: t('Extra text', 'Something follows the message number that the command does not take.', 'A second argument, a letter or a trailing space.', 'Send only the number.'),
    de: t('Überflüssiger Text', 'Nach der Nachrichtennummer folgt etwas, das der Befehl nicht nimmt.', 'Ein zweites Argument, ein Buchstabe oder ein Leerzeichen am Ende.', 'Nur die Nummer senden.'),
  },
  'size.invalid': {
    text: '-ERR Invalid size: {arg}', origin: 'dovecot',
    en: t('Line count missing', 'TOP needs a message number and a number of body lines.', 'TOP with only one argument.', 'Send TOP 1 0 for just the header.'),
    de: t('Zeilenzahl fehlt', 'TOP braucht eine Nachrichtennummer und eine Anzahl von Textzeilen.', 'TOP mit nur einem Argument.', 'TOP 1 0 senden, um nur den Kopf zu sehen.'),
  },
  'size.noise': {
    text: '-ERR Noise after size: {arg}', origin: 'dovecot',
    en: t('Extra text', 'Something follows the line count.', 'A third argument to TOP.', 'Send TOP number lines.'),
    de: t('Überflüssiger Text', 'Nach der Zeilenzahl folgt noch etwas.', 'Ein drittes Argument für TOP.', 'TOP Nummer Zeilen senden.'),
  },
  'quit.prelogin': {
    text: '+OK Logging out', origin: 'recorded',
    en: t('Goodbye', 'The server closes the connection; nothing was changed.', 'QUIT before logging in.', 'Nothing to fix.'),
    de: t('Auf Wiedersehen', 'Der Server schließt die Verbindung; nichts wurde verändert.', 'QUIT vor der Anmeldung.', 'Nichts zu tun.'),
  },
  quit: {
    text: '+OK Logging out.', origin: 'dovecot',
    en: t('Goodbye', 'The session ends; no message was deleted.', 'QUIT without DELE.', 'Nothing to fix.'),
    de: t('Auf Wiedersehen', 'Die Sitzung endet; keine Nachricht wurde gelöscht.', 'QUIT ohne DELE.', 'Nichts zu tun.'),
  },
  'quit.deleted': {
    text: '+OK Logging out, messages deleted.', origin: 'recorded',
    en: t('Deleted and goodbye', 'In the UPDATE state the server removed every message marked with DELE, then closes the connection. They are gone from the server now; only the mail program has them.', 'QUIT after DELE.', 'Nothing to fix. This is how POP3 "downloads and deletes".'),
    de: t('Gelöscht und tschüss', 'Im Zustand UPDATE hat der Server alle mit DELE markierten Nachrichten entfernt und schließt die Verbindung. Auf dem Server sind sie jetzt weg; nur das Mailprogramm hat sie noch.', 'QUIT nach DELE.', 'Nichts zu tun. So „lädt POP3 herunter und löscht“.'),
  },
  timeout: {
    text: '-ERR Disconnected for inactivity.', origin: 'dovecot',
    en: t('Idle too long', 'The client sent nothing for too long; the server hangs up. Marked messages are not deleted.', 'A stuck client or a person who stopped typing.', 'Reconnect.'),
    de: t('Zu lange untätig', 'Der Client hat zu lange nichts gesendet; der Server legt auf. Markierte Nachrichten werden nicht gelöscht.', 'Ein hängender Client oder jemand, der aufgehört hat zu tippen.', 'Neu verbinden.'),
  },
} as const satisfies Record<string, MailboxReplyData>;

/** Pop3ReplyKey: the name of one POP3 reply-table entry. */
export type Pop3ReplyKey = keyof typeof POP3_REPLIES;

/** POP3_REPLY_TABLE: the table with matching and explanations. */
export const POP3_REPLY_TABLE = new MailboxReplyTable<Pop3ReplyKey>(POP3_REPLIES);

/** pop3Reply fills one entry's template: `pop3Reply('list.all', { count: 2 })` → `+OK 2 messages:`. */
export function pop3Reply(key: Pop3ReplyKey, vars?: MailboxVars): string {
  return POP3_REPLY_TABLE.text(key, vars);
}

/**
 * explainPop3Reply explains the first line of a POP3 server response in `lang`; pass the command
 * the client sent to tell apart the many bare `+OK` answers. Undefined when no entry fits.
 */
export function explainPop3Reply(line: string, lang: 'en' | 'de', command?: string): MailboxExplanation | undefined {
  return POP3_REPLY_TABLE.explain(line.split('\r\n')[0], lang, command);
}
