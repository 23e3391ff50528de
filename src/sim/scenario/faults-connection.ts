/**
 * Fault catalogue, part 1: a server or the path to it fails (busy, down, lost packets, blocked or
 * wrong ports, TLS problems).
 */
import type { FaultDef } from './fault-def';

/** CONNECTION_FAULTS: faults of servers, links and the client's connection settings. */
export const CONNECTION_FAULTS: readonly FaultDef[] = [
  {
    kind: 'busy',
    targetKind: 'host',
    params: [],
    title: { en: 'Server busy', de: 'Server ausgelastet' },
    effect: {
      en: 'The server answers 421 4.3.2 at the greeting (or at the stage chosen with `on.event`) and closes the connection. A sending MTA keeps the mail, tries the next MX or retries later.',
      de: 'Der Server antwortet bei der Begrüßung (oder an der mit `on.event` gewählten Stelle) mit 421 4.3.2 und schließt die Verbindung. Ein sendender MTA behält die Mail, versucht den nächsten MX oder später erneut.',
    },
    teaches: {
      en: 'A 4xx reply is temporary: nothing is lost, the mail waits in the queue. Look for the 421 in the transcript and for the next retry in the queue.',
      de: 'Eine 4xx-Antwort ist vorübergehend: Nichts geht verloren, die Mail wartet in der Warteschlange. Im Protokoll die 421 suchen und in der Warteschlange den nächsten Versuch.',
    },
    replies: ['421 4.3.2'],
  },
  {
    kind: 'local-error',
    targetKind: 'host',
    params: [],
    title: { en: 'Temporary local error', de: 'Vorübergehender lokaler Fehler' },
    effect: {
      en: 'The server answers 451 4.3.0 after the end of the data (or at the stage chosen with `on.event`), as when it cannot write its queue file. The sender keeps the mail and retries.',
      de: 'Der Server antwortet nach dem Ende der Daten (oder an der mit `on.event` gewählten Stelle) mit 451 4.3.0, wie wenn er seine Warteschlangendatei nicht schreiben kann. Der Absender behält die Mail und versucht es erneut.',
    },
    teaches: {
      en: 'A 451 is a problem on the receiving side that the sender cannot fix; the retry schedule handles it. Only the receiving server\'s operator has to act.',
      de: 'Eine 451 ist ein Problem auf der Empfängerseite, das der Absender nicht beheben kann; der Wiederholungsplan erledigt das. Handeln muss nur der Betreiber des empfangenden Servers.',
    },
    replies: ['451 4.3.0'],
  },
  {
    kind: 'greylist',
    targetKind: 'host',
    params: [
      { name: 'attempts', type: 'integer', default: 1, min: 1, max: 100, description: { en: 'How many attempts of each sender, recipient and client address are deferred before one is accepted', de: 'Wie viele Versuche je Absender, Empfänger und Client-Adresse zurückgestellt werden, bevor einer angenommen wird' } },
      { name: 'delay', type: 'duration', default: 300_000, description: { en: 'How long a retry must wait before it is accepted', de: 'Wie lange ein erneuter Versuch warten muss, bevor er angenommen wird' } },
    ],
    title: { en: 'Greylisting', de: 'Greylisting' },
    effect: {
      en: 'The server answers 451 4.7.1 at RCPT TO to a sender it has not seen before and accepts the same mail when it comes again after the delay.',
      de: 'Der Server antwortet einem unbekannten Absender bei RCPT TO mit 451 4.7.1 und nimmt dieselbe Mail an, wenn sie nach der Wartezeit erneut kommt.',
    },
    teaches: {
      en: 'Greylisting relies on real MTAs retrying while simple spam tools give up. The first delivery is delayed by a few minutes; that is expected, not an error.',
      de: 'Greylisting setzt darauf, dass echte MTAs es erneut versuchen, einfache Spam-Werkzeuge aber aufgeben. Die erste Zustellung verzögert sich um einige Minuten; das ist gewollt und kein Fehler.',
    },
    replies: ['451 4.7.1'],
  },
  {
    kind: 'down',
    targetKind: 'host',
    params: [],
    title: { en: 'Host down', de: 'Rechner ausgefallen' },
    effect: {
      en: 'The host does not answer at all: every connection attempt times out. A sending MTA tries the next MX or keeps the mail and retries until the queue lifetime ends, then bounces it.',
      de: 'Der Rechner antwortet überhaupt nicht: Jeder Verbindungsversuch läuft in eine Zeitüberschreitung. Ein sendender MTA versucht den nächsten MX oder behält die Mail und versucht es erneut, bis die Lebensdauer in der Warteschlange abläuft, dann schickt er sie zurück.',
    },
    teaches: {
      en: 'No reply is not a refusal: a timeout takes long and says nothing about why. A second MX keeps mail flowing; the queue lifetime (5 days by default) decides when the sender hears about it.',
      de: 'Keine Antwort ist keine Ablehnung: Eine Zeitüberschreitung dauert lange und sagt nichts über den Grund. Ein zweiter MX hält den Mailfluss aufrecht; die Lebensdauer in der Warteschlange (standardmäßig 5 Tage) bestimmt, wann der Absender davon erfährt.',
    },
    replies: [],
  },
  {
    kind: 'port-closed',
    targetKind: 'host',
    params: [
      { name: 'port', type: 'integer', default: 25, min: 1, max: 65535, description: { en: 'The port on which nothing listens any more', de: 'Der Port, auf dem nichts mehr lauscht' } },
    ],
    title: { en: 'Port closed', de: 'Port geschlossen' },
    effect: {
      en: 'Nothing listens on the port: the host refuses each connection at once (TCP reset). A sending MTA tries the next MX or retries later.',
      de: 'Auf dem Port lauscht nichts: Der Rechner lehnt jede Verbindung sofort ab (TCP-Reset). Ein sendender MTA versucht den nächsten MX oder später erneut.',
    },
    teaches: {
      en: 'A refused connection comes back at once, unlike a timeout: the host is up but the mail service is not running on that port.',
      de: 'Eine abgelehnte Verbindung kommt sofort zurück, anders als eine Zeitüberschreitung: Der Rechner läuft, aber der Maildienst nicht auf diesem Port.',
    },
    replies: [],
  },
  {
    kind: 'link-loss',
    targetKind: 'link',
    params: [
      { name: 'loss', type: 'number', default: 0.3, min: 0, max: 1, description: { en: 'Share of packets lost on the link (0 to 1)', de: 'Anteil der Pakete, die auf der Verbindung verloren gehen (0 bis 1)' } },
    ],
    title: { en: 'Packet loss on a link', de: 'Paketverlust auf einer Verbindung' },
    effect: {
      en: 'Packets crossing the link are lost with the given probability. Connections stall and time out; a reply lost after the end of the data can make the sender deliver the same mail twice.',
      de: 'Pakete auf der Verbindung gehen mit der angegebenen Wahrscheinlichkeit verloren. Verbindungen stocken und laufen in Zeitüberschreitungen; geht die Antwort nach dem Datenende verloren, kann der Absender dieselbe Mail zweimal zustellen.',
    },
    teaches: {
      en: 'SMTP survives an unreliable network by retrying, at the cost of delays and, rarely, duplicates. The event list shows the dropped packets.',
      de: 'SMTP übersteht ein unzuverlässiges Netz durch erneute Versuche, auf Kosten von Verzögerungen und selten von Duplikaten. Die Ereignisliste zeigt die verlorenen Pakete.',
    },
    replies: [],
  },
  {
    kind: 'partition',
    targetKind: 'link',
    params: [],
    title: { en: 'Network partition', de: 'Netztrennung' },
    effect: {
      en: 'The link is cut: nothing passes in either direction, so every connection across it times out until the fault ends.',
      de: 'Die Verbindung ist getrennt: In keiner Richtung kommt etwas durch, daher läuft jede Verbindung darüber in eine Zeitüberschreitung, bis der Fehler endet.',
    },
    teaches: {
      en: 'Mail waits in the queue on the sending side while the network is split and flows again on the next retry after it heals.',
      de: 'Solange das Netz getrennt ist, wartet die Mail in der Warteschlange des Absenders und fließt beim nächsten Versuch nach der Reparatur weiter.',
    },
    replies: [],
  },
  {
    kind: 'block-port-25',
    targetKind: 'client',
    params: [
      { name: 'port', type: 'integer', default: 25, min: 1, max: 65535, description: { en: 'The outbound port the provider filters', de: 'Der ausgehende Port, den der Provider filtert' } },
    ],
    title: { en: 'Provider blocks port 25', de: 'Provider sperrt Port 25' },
    effect: {
      en: 'The internet provider of the client host silently drops its outbound connections to port 25: they time out. Submission on 587 or 465 still works.',
      de: 'Der Internetprovider des Client-Rechners verwirft dessen ausgehende Verbindungen zu Port 25 stillschweigend: Sie laufen in eine Zeitüberschreitung. Die Einlieferung über 587 oder 465 funktioniert weiter.',
    },
    teaches: {
      en: 'Home connections may not talk to MX servers directly (against spam from infected PCs). A mail program sends through its provider\'s submission server on 587 or 465 with a login.',
      de: 'Privatanschlüsse dürfen nicht direkt mit MX-Servern sprechen (gegen Spam von infizierten PCs). Ein Mailprogramm sendet über den Einlieferungsserver seines Providers auf 587 oder 465 mit Anmeldung.',
    },
    replies: [],
  },
  {
    kind: 'wrong-port',
    targetKind: 'account',
    params: [
      { name: 'port', type: 'integer', default: 25, min: 1, max: 65535, description: { en: 'The port the mail program uses instead of the right one', de: 'Der Port, den das Mailprogramm statt des richtigen verwendet' } },
    ],
    title: { en: 'Wrong port in the mail program', de: 'Falscher Port im Mailprogramm' },
    effect: {
      en: 'The account\'s outgoing server port is changed. Port 25 from a home network times out (blocked) or reaches a server that does not accept submissions; a port without a service is refused.',
      de: 'Der Port des Postausgangsservers im Konto wird geändert. Port 25 aus einem Heimnetz läuft in eine Zeitüberschreitung (gesperrt) oder erreicht einen Server, der keine Einlieferung annimmt; ein Port ohne Dienst wird abgelehnt.',
    },
    teaches: {
      en: 'Submission uses port 587 with STARTTLS or 465 with implicit TLS; port 25 is for servers talking to servers. Check the port in the account settings.',
      de: 'Zur Einlieferung dient Port 587 mit STARTTLS oder 465 mit direktem TLS; Port 25 ist für Server untereinander. Den Port in den Kontoeinstellungen prüfen.',
    },
    replies: ['554 5.7.1', '530 5.7.0'],
  },
  {
    kind: 'wrong-tls-mode',
    targetKind: 'account',
    params: [
      { name: 'security', type: 'enum', default: 'swap', values: ['swap', 'none', 'starttls', 'tls'], description: { en: 'The encryption the mail program uses: `swap` exchanges STARTTLS and implicit TLS', de: 'Die Verschlüsselung, die das Mailprogramm verwendet: `swap` vertauscht STARTTLS und direktes TLS' } },
    ],
    title: { en: 'Wrong encryption mode', de: 'Falsche Verschlüsselungsart' },
    effect: {
      en: 'The account\'s encryption setting does not match the port. Plain text to 465 waits for a greeting that never comes (the server waits for a TLS hello) until it times out; a TLS hello to 587 fails the handshake.',
      de: 'Die Verschlüsselung im Konto passt nicht zum Port. Klartext an 465 wartet auf eine Begrüßung, die nie kommt (der Server wartet auf ein TLS-Hello), bis zur Zeitüberschreitung; ein TLS-Hello an 587 lässt den Handshake scheitern.',
    },
    teaches: {
      en: 'Port and encryption belong together: 587 with STARTTLS, 465 with SSL/TLS. A hang right after connecting or a handshake error points to this mismatch.',
      de: 'Port und Verschlüsselung gehören zusammen: 587 mit STARTTLS, 465 mit SSL/TLS. Hängt die Verbindung gleich nach dem Aufbau oder scheitert der Handshake, liegt dieser Fehler nahe.',
    },
    replies: [],
  },
  {
    kind: 'cert-expired',
    targetKind: 'host',
    params: [],
    title: { en: 'Certificate expired', de: 'Zertifikat abgelaufen' },
    effect: {
      en: 'The server presents a certificate whose validity has ended. A mail program aborts the TLS handshake and shows a certificate warning; a sending MTA using opportunistic TLS notes it and delivers anyway.',
      de: 'Der Server zeigt ein Zertifikat, dessen Gültigkeit abgelaufen ist. Ein Mailprogramm bricht den TLS-Handshake ab und zeigt eine Zertifikatswarnung; ein sendender MTA mit opportunistischem TLS vermerkt es und stellt trotzdem zu.',
    },
    teaches: {
      en: 'The certificate\'s dates are checked against the current time. The server\'s operator must renew it; clicking the warning away only hides the problem.',
      de: 'Die Daten des Zertifikats werden mit der aktuellen Zeit verglichen. Der Betreiber des Servers muss es erneuern; die Warnung wegzuklicken verdeckt das Problem nur.',
    },
    replies: [],
  },
  {
    kind: 'cert-mismatch',
    targetKind: 'host',
    params: [
      { name: 'name', type: 'string', default: 'wrong.example.net', description: { en: 'The name the certificate is issued for', de: 'Der Name, auf den das Zertifikat ausgestellt ist' } },
    ],
    title: { en: 'Certificate for the wrong name', de: 'Zertifikat für den falschen Namen' },
    effect: {
      en: 'The server presents a certificate issued for another name. A mail program aborts the TLS handshake with a name mismatch; a sending MTA using opportunistic TLS delivers anyway.',
      de: 'Der Server zeigt ein Zertifikat, das auf einen anderen Namen ausgestellt ist. Ein Mailprogramm bricht den TLS-Handshake wegen des Namens ab; ein sendender MTA mit opportunistischem TLS stellt trotzdem zu.',
    },
    teaches: {
      en: 'The server name in the account settings must match a name in the certificate. Use the name the provider documents, not an IP address or an alias.',
      de: 'Der Servername in den Kontoeinstellungen muss zu einem Namen im Zertifikat passen. Den Namen verwenden, den der Provider angibt, keine IP-Adresse und keinen Alias.',
    },
    replies: [],
  },
];
