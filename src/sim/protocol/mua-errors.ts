/**
 * What a mail program tells its user when sending fails: the kind of dialog a desktop client
 * such as Thunderbird shows, written anew for SMTP Lab. Where real clients quote the server,
 * the reply is quoted verbatim (code, enhanced code and text), because that line is what a
 * student should learn to read. Rules are data: the first that matches a failure wins.
 */
import { formatReply, type Reply } from './smtp-reply';

/** NetworkFailure: sending failed before any SMTP reply: no connection, or no secure one. */
export interface NetworkFailure {
  kind: 'timeout' | 'refused' | 'tls-failed' | 'cert-invalid';
  /** The server the client tried to reach, as configured. */
  server: string;
  port?: number;
  /** Extra words for the user, e.g. the certificate's problem ("expired", "name mismatch"). */
  detail?: string;
}

/** SmtpStage: the step of the conversation a reply answered. */
export type SmtpStage = 'connect' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'message';

/** MuaErrorContext: what the mail program knows around the failure. */
export interface MuaErrorContext {
  stage?: SmtpStage;
  /** The outgoing server's name as configured. */
  server?: string;
  recipient?: string;
  sender?: string;
}

type Lang = 'en' | 'de';
type Texts = { en: string; de: string };

interface ReplyRule {
  matches: (reply: Reply, stage: SmtpStage | undefined, text: string) => boolean;
  say: Texts;
}

const NETWORK: Record<NetworkFailure['kind'], Texts> = {
  refused: {
    en: 'Sending the message failed. The connection to the outgoing server (SMTP) {host} on port {port} was refused: nothing accepts mail there. Check the server name and the port in the account settings.',
    de: 'Die Nachricht konnte nicht gesendet werden. Die Verbindung zum Postausgangsserver (SMTP) {host} auf Port {port} wurde abgelehnt: Dort nimmt nichts Mail an. Servername und Port in den Kontoeinstellungen prüfen.',
  },
  timeout: {
    en: 'Sending the message failed. The outgoing server (SMTP) {host} did not answer on port {port}. The server may be down, or a firewall or the internet provider may block this port (port 25 often is). Check the server name and port; port 587 usually works.',
    de: 'Die Nachricht konnte nicht gesendet werden. Der Postausgangsserver (SMTP) {host} hat auf Port {port} nicht geantwortet. Der Server ist vielleicht nicht erreichbar, oder eine Firewall oder der Internetanbieter sperrt diesen Port (Port 25 oft). Servername und Port prüfen; Port 587 funktioniert meistens.',
  },
  'tls-failed': {
    en: 'Sending the message failed. No secure connection to {host} (port {port}) could be set up{detail}. Check the connection security: port 465 needs SSL/TLS from the start, port 587 needs STARTTLS.',
    de: 'Die Nachricht konnte nicht gesendet werden. Zu {host} (Port {port}) ließ sich keine sichere Verbindung aufbauen{detail}. Die Verbindungssicherheit prüfen: Port 465 braucht SSL/TLS von Anfang an, Port 587 braucht STARTTLS.',
  },
  'cert-invalid': {
    en: 'The certificate of {host} cannot be trusted{detail}. The message was not sent. Someone may be intercepting the connection, or the server is set up wrongly; check the server name before making an exception.',
    de: 'Dem Zertifikat von {host} kann nicht vertraut werden{detail}. Die Nachricht wurde nicht gesendet. Vielleicht hört jemand die Verbindung ab, oder der Server ist falsch eingerichtet; vor einer Ausnahme den Servernamen prüfen.',
  },
};

const has = (text: string, words: RegExp) => words.test(text);
const enh = (reply: Reply, prefix: string) => (reply.enhanced ?? '').startsWith(prefix);

const RULES: readonly ReplyRule[] = [
  {
    matches: (r) => r.code === 421,
    say: { en: 'The outgoing server {server} is not available right now and closed the connection. The server said:\n{reply}\nTry sending again later.', de: 'Der Postausgangsserver {server} ist gerade nicht verfügbar und hat die Verbindung geschlossen. Der Server meldete:\n{reply}\nSpäter erneut senden.' },
  },
  {
    matches: (r) => r.code === 534 || enh(r, '5.7.9'),
    say: { en: 'Logging in to the outgoing server {server} failed: this account needs an app password. Create one in the provider\'s security settings and enter it instead of the normal password. The server said:\n{reply}', de: 'Die Anmeldung am Postausgangsserver {server} ist fehlgeschlagen: Dieses Konto braucht ein App-Passwort. In den Sicherheitseinstellungen des Anbieters eines erzeugen und statt des normalen Passworts eintragen. Der Server meldete:\n{reply}' },
  },
  {
    matches: (r) => r.code === 530 || r.code === 538,
    say: { en: 'The outgoing server {server} wants an encrypted connection before you log in or send. Set the connection security to STARTTLS (port 587) or SSL/TLS (port 465). The server said:\n{reply}', de: 'Der Postausgangsserver {server} verlangt eine verschlüsselte Verbindung, bevor man sich anmeldet oder sendet. Die Verbindungssicherheit auf STARTTLS (Port 587) oder SSL/TLS (Port 465) stellen. Der Server meldete:\n{reply}' },
  },
  {
    matches: (_r, _s, t) => has(t, /authentication not enabled/i),
    say: { en: 'The server {server} does not offer login (SMTP AUTH) on this connection. Use the provider\'s outgoing server on port 587 with STARTTLS or on port 465 with SSL/TLS. The server said:\n{reply}', de: 'Der Server {server} bietet auf dieser Verbindung keine Anmeldung (SMTP AUTH) an. Den Postausgangsserver des Anbieters auf Port 587 mit STARTTLS oder auf Port 465 mit SSL/TLS verwenden. Der Server meldete:\n{reply}' },
  },
  {
    matches: (r, stage) => r.code === 535 || (stage === 'auth' && r.code >= 500),
    say: { en: 'Logging in to the outgoing server (SMTP) {server} failed. Check the user name and password. If the account uses two-factor login, an app password may be needed. The server said:\n{reply}', de: 'Die Anmeldung am Postausgangsserver (SMTP) {server} ist fehlgeschlagen. Benutzername und Passwort prüfen. Wenn das Konto Zwei-Faktor-Anmeldung nutzt, ist vielleicht ein App-Passwort nötig. Der Server meldete:\n{reply}' },
  },
  {
    matches: (r, _s, t) => enh(r, '5.3.4') || enh(r, '5.2.3') || (r.code === 552 && !enh(r, '5.2.2') && !has(t, /quota|mailbox full/i)),
    say: { en: 'The message is larger than the outgoing server {server} allows. Make the attachments smaller or send them in several messages. The server said:\n{reply}', de: 'Die Nachricht ist größer, als der Postausgangsserver {server} erlaubt. Anhänge verkleinern oder auf mehrere Nachrichten verteilen. Der Server meldete:\n{reply}' },
  },
  {
    matches: (r, _s, t) => enh(r, '5.2.2') || enh(r, '4.2.2') || has(t, /quota exceeded|mailbox full/i),
    say: { en: 'The mailbox of the recipient {recipient} is full, so the message could not be delivered. The server said:\n{reply}\nLet the recipient know in another way, or send again later.', de: 'Das Postfach des Empfängers {recipient} ist voll, deshalb konnte die Nachricht nicht zugestellt werden. Der Server meldete:\n{reply}\nDem Empfänger auf anderem Weg Bescheid geben oder später erneut senden.' },
  },
  {
    matches: (r, stage, t) => r.code === 553 || enh(r, '5.1.7') || enh(r, '5.1.8') || has(t, /Sender address rejected/i) || (stage === 'mail' && r.code >= 500),
    say: { en: 'The outgoing server {server} did not accept the sender address {sender}. Check that the e-mail address in the account settings belongs to the account you log in with (or is a confirmed alias), and that authentication is switched on. The server said:\n{reply}', de: 'Der Postausgangsserver {server} hat die Absenderadresse {sender} nicht angenommen. Prüfen, ob die E-Mail-Adresse in den Kontoeinstellungen zum angemeldeten Konto gehört (oder ein bestätigter Alias ist) und ob die Authentifizierung eingeschaltet ist. Der Server meldete:\n{reply}' },
  },
  {
    matches: (_r, _s, t) => has(t, /Relay access denied|Recipient address rejected: Access denied/i),
    say: { en: 'The outgoing server {server} refused to pass the message on to the recipient {recipient}. Usually this means you are not logged in: switch on authentication for the outgoing server, and send through your own provider. The server said:\n{reply}', de: 'Der Postausgangsserver {server} hat sich geweigert, die Nachricht an den Empfänger {recipient} weiterzuleiten. Meist heißt das, dass keine Anmeldung erfolgt ist: Authentifizierung für den Postausgangsserver einschalten und über den eigenen Anbieter senden. Der Server meldete:\n{reply}' },
  },
  {
    matches: (r, stage) => r.code >= 500 && (stage === 'rcpt' || /^5\.1\.(1|2|3|10)$/.test(r.enhanced ?? '')),
    say: { en: 'The mail server did not accept the recipient {recipient}. Check the address and try again. The server said:\n{reply}', de: 'Der Mailserver hat den Empfänger {recipient} nicht angenommen. Die Adresse prüfen und erneut versuchen. Der Server meldete:\n{reply}' },
  },
  {
    matches: (r) => r.code >= 400 && r.code < 500,
    say: { en: 'The outgoing server {server} reported a temporary problem. The message was not sent; try again later. The server said:\n{reply}', de: 'Der Postausgangsserver {server} meldete ein vorübergehendes Problem. Die Nachricht wurde nicht gesendet; später erneut versuchen. Der Server meldete:\n{reply}' },
  },
  {
    matches: (r) => r.code >= 500,
    say: { en: 'Sending the message failed. The mail server said:\n{reply}', de: 'Die Nachricht konnte nicht gesendet werden. Der Mailserver meldete:\n{reply}' },
  },
];

const FALLBACK: Texts = { en: 'The mail server said:\n{reply}', de: 'Der Mailserver meldete:\n{reply}' };

const UNKNOWN_PORT: Texts = { en: 'unknown', de: 'unbekannt' };

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name] : whole));
}

function isNetworkFailure(failure: Reply | NetworkFailure): failure is NetworkFailure {
  return 'kind' in failure;
}

/**
 * muaErrorFor gives the message a mail program shows for a failed send, in `lang`: for a network
 * failure (refused, timeout, TLS or certificate trouble) or for the server's reply, which it
 * quotes verbatim. `context` adds the stage (to tell a bad sender from a bad recipient), the
 * server's name and the addresses involved.
 */
export function muaErrorFor(failure: Reply | NetworkFailure, lang: Lang, context: MuaErrorContext = {}): string {
  if (isNetworkFailure(failure)) {
    const detail = failure.detail ? ` (${failure.detail})` : '';
    const port = failure.port === undefined ? UNKNOWN_PORT[lang] : String(failure.port);
    return fill(NETWORK[failure.kind][lang], { host: failure.server, port, detail });
  }
  const text = failure.lines.join(' ');
  const rule = RULES.find((r) => r.matches(failure, context.stage, text));
  // Absent names leave their slot empty; the sentence reads well without them.
  const sentence = fill((rule?.say ?? FALLBACK)[lang], {
    server: context.server ?? '',
    recipient: context.recipient ? `<${context.recipient}>` : '',
    sender: context.sender ? `<${context.sender}>` : '',
  }).replace(/ {2,}/g, ' ').replace(/ ([.,:])/g, '$1');
  return fill(sentence, { reply: formatReply(failure).join('\n') });
}
