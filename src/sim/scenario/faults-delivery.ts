/**
 * Fault catalogue, part 2: a server refuses the mail (login, sender, size, mailbox, relaying) or DNS
 * cannot say where it goes.
 */
import type { FaultDef } from './fault-def';

/** DELIVERY_FAULTS: faults of submission, recipients, relaying and DNS. */
export const DELIVERY_FAULTS: readonly FaultDef[] = [
  {
    kind: 'auth-fail',
    targetKind: 'account',
    params: [],
    title: { en: 'Wrong password', de: 'Falsches Passwort' },
    effect: {
      en: 'The mail program logs in with a wrong password: the submission server answers AUTH with 535 5.7.8 and the mail stays in the outbox.',
      de: 'Das Mailprogramm meldet sich mit einem falschen Passwort an: Der Einlieferungsserver antwortet auf AUTH mit 535 5.7.8, und die Mail bleibt im Postausgang.',
    },
    teaches: {
      en: '535 means the user name or password was not accepted. Check both in the account settings; the user name is often the full address.',
      de: '535 bedeutet, dass Benutzername oder Passwort nicht akzeptiert wurden. Beides in den Kontoeinstellungen prüfen; der Benutzername ist oft die vollständige Adresse.',
    },
    replies: ['535 5.7.8'],
  },
  {
    kind: 'app-password-required',
    targetKind: 'account',
    params: [],
    title: { en: 'App password required', de: 'App-Passwort erforderlich' },
    effect: {
      en: 'The provider no longer accepts the account\'s normal password from mail programs: AUTH is answered with 534 5.7.9 until the program uses an app password.',
      de: 'Der Provider nimmt das normale Passwort des Kontos von Mailprogrammen nicht mehr an: AUTH wird mit 534 5.7.9 beantwortet, bis das Programm ein App-Passwort verwendet.',
    },
    teaches: {
      en: 'With two-factor login, mail programs need a separate app password created in the provider\'s web settings. 534 5.7.9 says exactly that.',
      de: 'Mit Zwei-Faktor-Anmeldung brauchen Mailprogramme ein eigenes App-Passwort, das in den Web-Einstellungen des Providers erzeugt wird. 534 5.7.9 sagt genau das.',
    },
    replies: ['534 5.7.9'],
  },
  {
    kind: 'sender-not-allowed',
    targetKind: 'account',
    params: [
      { name: 'sender', type: 'string', default: '', description: { en: 'The sender address the mail program uses; empty means info@ in the account\'s domain (not `from`, which is when the fault starts)', de: 'Die Absenderadresse, die das Mailprogramm verwendet; leer heißt info@ in der Domain des Kontos (nicht `from`, das ist der Beginn des Fehlers)' } },
    ],
    title: { en: 'Sender address not allowed', de: 'Absenderadresse nicht erlaubt' },
    effect: {
      en: 'The mail program sends with a sender address that does not belong to the logged-in account: the submission server answers MAIL FROM with 553 5.7.1.',
      de: 'Das Mailprogramm sendet mit einer Absenderadresse, die nicht zum angemeldeten Konto gehört: Der Einlieferungsserver antwortet auf MAIL FROM mit 553 5.7.1.',
    },
    teaches: {
      en: 'Providers only let you send as your own address or a verified alias, so nobody can send in someone else\'s name. Use your address or add the other one as an alias.',
      de: 'Provider lassen nur die eigene Adresse oder einen bestätigten Alias als Absender zu, damit niemand in fremdem Namen sendet. Die eigene Adresse verwenden oder die andere als Alias eintragen.',
    },
    replies: ['553 5.7.1', '550 5.7.1'],
  },
  {
    kind: 'too-large',
    targetKind: 'host',
    params: [
      { name: 'limit', type: 'integer', default: 512, min: 1, description: { en: 'The server\'s size limit in octets (small by default, so ordinary test mails exceed it)', de: 'Die Größengrenze des Servers in Oktetts (standardmäßig klein, damit gewöhnliche Testmails sie überschreiten)' } },
    ],
    title: { en: 'Message too large', de: 'Nachricht zu groß' },
    effect: {
      en: 'The server lowers its size limit and announces it with EHLO SIZE. A larger mail is refused with 552 5.3.4, at MAIL FROM when the client declares SIZE, otherwise after the data.',
      de: 'Der Server senkt seine Größengrenze und meldet sie mit EHLO SIZE. Eine größere Mail wird mit 552 5.3.4 abgelehnt, bei MAIL FROM, wenn der Client SIZE angibt, sonst nach den Daten.',
    },
    teaches: {
      en: 'Every server has a size limit, and attachments grow by a third in Base64. Send large files as a link instead of an attachment.',
      de: 'Jeder Server hat eine Größengrenze, und Anhänge wachsen in Base64 um ein Drittel. Große Dateien besser als Link statt als Anhang schicken.',
    },
    replies: ['552 5.3.4'],
  },
  {
    kind: 'mailbox-full',
    targetKind: 'address',
    params: [
      { name: 'permanent', type: 'boolean', default: true, description: { en: 'Answer 552 5.2.2 (bounce) rather than 452 4.2.2 (retry later)', de: 'Mit 552 5.2.2 (Rückläufer) statt 452 4.2.2 (später erneut) antworten' } },
    ],
    title: { en: 'Mailbox full', de: 'Postfach voll' },
    effect: {
      en: 'The recipient\'s mailbox is over its quota: the receiving server refuses the mail for this recipient with 552 5.2.2 (or 452 4.2.2) while other recipients still get it.',
      de: 'Das Postfach des Empfängers hat sein Kontingent überschritten: Der empfangende Server lehnt die Mail für diesen Empfänger mit 552 5.2.2 (oder 452 4.2.2) ab, andere Empfänger erhalten sie trotzdem.',
    },
    teaches: {
      en: 'The sender cannot fix a full mailbox; the recipient must delete mail or get more space. The bounce names the recipient and the reason.',
      de: 'Ein volles Postfach kann der Absender nicht beheben; der Empfänger muss Mails löschen oder mehr Platz bekommen. Der Rückläufer nennt Empfänger und Grund.',
    },
    replies: ['552 5.2.2', '452 4.2.2'],
  },
  {
    kind: 'unknown-user',
    targetKind: 'address',
    params: [],
    title: { en: 'Unknown recipient', de: 'Unbekannter Empfänger' },
    effect: {
      en: 'The receiving server no longer knows the address: RCPT TO is answered with 550 5.1.1 and the sender gets a bounce.',
      de: 'Der empfangende Server kennt die Adresse nicht mehr: RCPT TO wird mit 550 5.1.1 beantwortet, und der Absender erhält einen Rückläufer.',
    },
    teaches: {
      en: '550 5.1.1 is permanent: retrying will not help. Check the address for typos or ask the recipient for the right one.',
      de: '550 5.1.1 ist endgültig: Erneute Versuche helfen nicht. Die Adresse auf Tippfehler prüfen oder den Empfänger nach der richtigen fragen.',
    },
    replies: ['550 5.1.1'],
  },
  {
    kind: 'relay-denied',
    targetKind: 'host',
    params: [],
    title: { en: 'Relaying denied', de: 'Weiterleitung verweigert' },
    effect: {
      en: 'The server no longer trusts the hosts on its list of allowed networks (as if mynetworks had been changed): a client that is not logged in gets 554 5.7.1 at RCPT TO for a foreign domain, and its MTA bounces the mail.',
      de: 'Der Server vertraut den Rechnern in seiner Liste erlaubter Netze nicht mehr (als wäre mynetworks geändert worden): Ein nicht angemeldeter Client erhält bei RCPT TO für eine fremde Domain 554 5.7.1, und sein MTA schickt die Mail zurück.',
    },
    teaches: {
      en: 'A server accepts mail for its own domains from anyone but forwards to other domains only for its own users (login) or trusted hosts; otherwise it would be an open relay for spam.',
      de: 'Ein Server nimmt Mail für seine eigenen Domains von jedem an, leitet an fremde Domains aber nur für eigene Benutzer (Anmeldung) oder vertraute Rechner weiter; sonst wäre er ein offenes Relay für Spam.',
    },
    replies: ['554 5.7.1'],
  },
  {
    kind: 'dns-nxdomain',
    targetKind: 'dns-name',
    params: [
      { name: 'type', type: 'enum', default: 'ANY', values: ['ANY', 'MX', 'A', 'AAAA', 'TXT'], description: { en: 'Which queries fail (ANY = all record types)', de: 'Welche Anfragen scheitern (ANY = alle Eintragstypen)' } },
    ],
    title: { en: 'Name does not exist (NXDOMAIN)', de: 'Name existiert nicht (NXDOMAIN)' },
    effect: {
      en: 'DNS answers NXDOMAIN for the name: the domain does not exist, so the sending MTA bounces the mail at once instead of retrying.',
      de: 'Das DNS antwortet für den Namen mit NXDOMAIN: Die Domain existiert nicht, daher schickt der sendende MTA die Mail sofort zurück, statt es erneut zu versuchen.',
    },
    teaches: {
      en: 'NXDOMAIN is a definite answer, unlike SERVFAIL or a timeout. It usually means a typo in the recipient\'s domain or a domain that has lapsed.',
      de: 'NXDOMAIN ist eine eindeutige Antwort, anders als SERVFAIL oder eine Zeitüberschreitung. Meist steckt ein Tippfehler in der Empfängerdomain oder eine abgelaufene Domain dahinter.',
    },
    replies: ['550 5.4.4'],
  },
  {
    kind: 'dns-servfail',
    targetKind: 'dns-name',
    params: [],
    title: { en: 'DNS server failure (SERVFAIL)', de: 'DNS-Serverfehler (SERVFAIL)' },
    effect: {
      en: 'DNS answers SERVFAIL for the name: the lookup failed without an answer, so the sending MTA keeps the mail and retries later.',
      de: 'Das DNS antwortet für den Namen mit SERVFAIL: Die Abfrage ist ohne Antwort gescheitert, daher behält der sendende MTA die Mail und versucht es später erneut.',
    },
    teaches: {
      en: 'SERVFAIL is temporary (4.4.3): the name may exist but its servers are broken, for instance a failed DNSSEC check. The domain\'s operator must fix the zone.',
      de: 'SERVFAIL ist vorübergehend (4.4.3): Der Name kann existieren, aber seine Server sind defekt, etwa wegen einer gescheiterten DNSSEC-Prüfung. Der Betreiber der Domain muss die Zone reparieren.',
    },
    replies: ['451 4.4.3'],
  },
  {
    kind: 'dns-timeout',
    targetKind: 'dns-name',
    params: [],
    title: { en: 'DNS timeout', de: 'DNS-Zeitüberschreitung' },
    effect: {
      en: 'The name servers for the name do not answer: the resolver gives up after its timeout, and the sending MTA keeps the mail and retries later.',
      de: 'Die Nameserver für den Namen antworten nicht: Der Resolver gibt nach seiner Wartezeit auf, und der sendende MTA behält die Mail und versucht es später erneut.',
    },
    teaches: {
      en: 'A DNS timeout is as temporary as SERVFAIL but slower. Watch the queries in the event list go unanswered.',
      de: 'Eine DNS-Zeitüberschreitung ist so vorübergehend wie SERVFAIL, aber langsamer. In der Ereignisliste sieht man die unbeantworteten Anfragen.',
    },
    replies: ['451 4.4.3'],
  },
  {
    kind: 'mx-missing',
    targetKind: 'zone',
    params: [],
    title: { en: 'MX record missing', de: 'MX-Eintrag fehlt' },
    effect: {
      en: 'The zone\'s MX records are removed. Sending MTAs fall back to the domain\'s own A or AAAA address (RFC 5321 §5.1); if no mail server runs there, delivery fails.',
      de: 'Die MX-Einträge der Zone werden entfernt. Sendende MTAs weichen auf die A- oder AAAA-Adresse der Domain selbst aus (RFC 5321 §5.1); läuft dort kein Mailserver, scheitert die Zustellung.',
    },
    teaches: {
      en: 'The MX record says which hosts receive mail for a domain. Look it up with `dig MX`; without it mail goes to the domain\'s web address, which rarely accepts mail.',
      de: 'Der MX-Eintrag sagt, welche Rechner Mail für eine Domain annehmen. Mit `dig MX` nachsehen; ohne ihn geht die Mail an die Webadresse der Domain, die selten Mail annimmt.',
    },
    replies: [],
  },
  {
    kind: 'mx-wrong-host',
    targetKind: 'zone',
    params: [
      { name: 'host', type: 'string', default: '', description: { en: 'The host the MX records point to instead; empty means www in the zone', de: 'Der Rechner, auf den die MX-Einträge stattdessen zeigen; leer heißt www in der Zone' } },
    ],
    title: { en: 'MX points to the wrong host', de: 'MX zeigt auf den falschen Rechner' },
    effect: {
      en: 'The zone\'s MX records point to another host. A name without an address bounces at once (5.4.4); a mail server that is not responsible for the domain refuses to relay (554 5.7.1) and the mail bounces; a host without a mail server refuses the connection, and the mail is retried until the queue lifetime ends.',
      de: 'Die MX-Einträge der Zone zeigen auf einen anderen Rechner. Ein Name ohne Adresse führt sofort zum Rückläufer (5.4.4); ein Mailserver, der für die Domain nicht zuständig ist, verweigert die Weiterleitung (554 5.7.1), und die Mail geht zurück; ein Rechner ohne Mailserver lehnt die Verbindung ab, und die Mail wird bis zum Ende ihrer Lebensdauer in der Warteschlange erneut versucht.',
    },
    teaches: {
      en: 'An MX must name a host that really receives mail for the domain. Compare `dig MX` with the mail server\'s name.',
      de: 'Ein MX muss einen Rechner nennen, der wirklich Mail für die Domain annimmt. `dig MX` mit dem Namen des Mailservers vergleichen.',
    },
    replies: ['554 5.7.1', '550 5.4.4'],
  },
  {
    kind: 'null-mx',
    targetKind: 'zone',
    params: [],
    title: { en: 'Null MX', de: 'Null-MX' },
    effect: {
      en: 'The zone publishes `MX 0 .` (RFC 7505): the domain accepts no mail. The sending server bounces at once with 556 5.1.10 without connecting anywhere.',
      de: 'Die Zone veröffentlicht `MX 0 .` (RFC 7505): Die Domain nimmt keine Mail an. Der sendende Server schickt die Mail sofort mit 556 5.1.10 zurück, ohne sich irgendwohin zu verbinden.',
    },
    teaches: {
      en: 'A null MX is a deliberate statement that a domain never receives mail, so senders learn it immediately instead of after days of retries.',
      de: 'Ein Null-MX erklärt ausdrücklich, dass eine Domain nie Mail empfängt, damit Absender es sofort erfahren statt nach Tagen erneuter Versuche.',
    },
    replies: ['556 5.1.10'],
  },
];
