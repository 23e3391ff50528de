/**
 * Reply-table entries for recipients and messages: unknown users, relaying, size limits, full
 * mailboxes, greylisting, null MX (RFC 7505), SPF/DKIM/DMARC (RFC 7372), block lists and spam.
 */
import type { ReplyData } from './reply-table';

const relayCause = {
  en: 'The recipient\'s domain is not one this server delivers to, and the client is not allowed to relay: it did not log in, or it talked to the recipient\'s MX instead of its own provider\'s submission server. An open relay would be abused by spammers at once.',
  de: 'Die Domain des Empfängers gehört nicht zu denen, die dieser Server zustellt, und der Client darf nicht weiterleiten lassen: Er hat sich nicht angemeldet, oder er hat mit dem MX des Empfängers statt mit dem Submission-Server seines eigenen Anbieters gesprochen. Ein offenes Relay würde sofort von Spammern missbraucht.',
};
const relayFix = {
  en: 'Send through your own provider\'s outgoing server (port 587 or 465) with authentication switched on.',
  de: 'Über den Postausgangsserver des eigenen Anbieters senden (Port 587 oder 465) und die Authentifizierung einschalten.',
};

/** DELIVERY_REPLIES: recipients, relaying, size, quota, greylisting, sender authentication, spam. */
export const DELIVERY_REPLIES = {
  'user-unknown': {
    code: 550, enhanced: '5.1.1', text: '<{address}>: Recipient address rejected: User unknown in virtual mailbox table', origin: 'recorded',
    en: { title: 'Recipient unknown', meaning: 'The domain is right, but there is no mailbox with this name on the server. This is permanent: the sender gets a bounce.', cause: 'A typo in the part before the @, or a mailbox that was deleted.', fix: 'Check the spelling of the address; ask the recipient for the right one.' },
    de: { title: 'Empfänger unbekannt', meaning: 'Die Domain stimmt, aber auf dem Server gibt es kein Postfach mit diesem Namen. Das ist endgültig: Der Absender bekommt eine Unzustellbarkeitsnachricht.', cause: 'Ein Tippfehler im Teil vor dem @, oder ein gelöschtes Postfach.', fix: 'Die Schreibweise der Adresse prüfen; beim Empfänger nach der richtigen fragen.' },
  },
  'rcpt.access-denied': {
    code: 554, enhanced: '5.7.1', text: '<{address}>: Recipient address rejected: Access denied', origin: 'recorded',
    en: { title: 'Recipient refused: access denied', meaning: 'The submission server will not send to this recipient for you. Postfix says it at RCPT TO when you are not logged in and the sender is not one of its own users.', cause: 'No login (SMTP AUTH) before sending, or a sender address the server does not know.', fix: 'Switch on authentication for the outgoing server and send with your own address.' },
    de: { title: 'Empfänger abgelehnt: Zugriff verweigert', meaning: 'Der Submission-Server sendet für dich nicht an diesen Empfänger. Postfix sagt das bei RCPT TO, wenn du nicht angemeldet bist und der Absender keiner seiner eigenen Benutzer ist.', cause: 'Keine Anmeldung (SMTP AUTH) vor dem Senden, oder eine Absenderadresse, die der Server nicht kennt.', fix: 'Authentifizierung für den Postausgangsserver einschalten und mit der eigenen Adresse senden.' },
  },
  'relay-denied': {
    code: 554, enhanced: '5.7.1', text: '<{address}>: Relay access denied', origin: 'recorded',
    en: { title: 'Relay access denied', meaning: 'The server refuses to pass the mail on to another domain. The seed article lists 554 as "relay denied". Postfix itself answers 454 4.7.1 by default (temporary, so a misconfiguration does not lose mail) and 554 5.7.1 only with reject_unauth_destination.', cause: relayCause.en, fix: relayFix.en },
    de: { title: 'Weiterleitung verweigert', meaning: 'Der Server weigert sich, die Mail an eine andere Domain weiterzugeben. Der Artikel führt 554 als „Weiterleitung verweigert“. Postfix selbst antwortet normalerweise mit 454 4.7.1 (vorübergehend, damit bei einem Konfigurationsfehler keine Mail verloren geht) und nur mit reject_unauth_destination mit 554 5.7.1.', cause: relayCause.de, fix: relayFix.de },
  },
  'relay-deferred': {
    code: 454, enhanced: '4.7.1', text: '<{address}>: Relay access denied', origin: 'recorded',
    en: { title: 'Relay access denied (temporary)', meaning: 'Postfix\'s default answer to a relay attempt (defer_unauth_destination): the same refusal as 554, but as a 4xx, so a sending server keeps trying until its queue lifetime runs out.', cause: relayCause.en, fix: relayFix.en },
    de: { title: 'Weiterleitung verweigert (vorübergehend)', meaning: 'Die Standardantwort von Postfix auf einen Weiterleitungsversuch (defer_unauth_destination): dieselbe Ablehnung wie 554, aber als 4xx, sodass ein sendender Server es weiter versucht, bis die Lebensdauer in seiner Warteschlange abläuft.', cause: relayCause.de, fix: relayFix.de },
  },
  'rcpt.too-many': {
    code: 452, enhanced: '4.5.3', text: 'Error: too many recipients', origin: 'postfix',
    en: { title: 'Too many recipients', meaning: 'The server takes no more recipients in this transaction. Those already accepted stay accepted.', cause: 'More RCPT TO than the limit (Postfix: smtpd_recipient_limit, 1000 by default).', fix: 'Send the message, then send it again to the remaining recipients. A sending server does this by itself.' },
    de: { title: 'Zu viele Empfänger', meaning: 'Der Server nimmt in dieser Transaktion keine weiteren Empfänger an. Die bereits angenommenen bleiben angenommen.', cause: 'Mehr RCPT TO als erlaubt (Postfix: smtpd_recipient_limit, normalerweise 1000).', fix: 'Die Nachricht senden und danach noch einmal an die übrigen Empfänger. Ein sendender Server macht das selbst.' },
  },
  'size.exceeded': {
    code: 552, enhanced: '5.3.4', text: 'Message size exceeds fixed limit', origin: 'recorded',
    en: { title: 'Message too large', meaning: 'The size announced with SIZE= is over the server\'s limit, so it refuses before any data is sent.', cause: 'Large attachments. The limit is in the EHLO reply (Postfix: SIZE 10240000, about 10 MB). Base64 makes attachments a third larger.', fix: 'Make attachments smaller, split them across several messages, or share a link instead.' },
    de: { title: 'Nachricht zu groß', meaning: 'Die mit SIZE= angekündigte Größe liegt über der Grenze des Servers, deshalb lehnt er ab, bevor Daten gesendet werden.', cause: 'Große Anhänge. Die Grenze steht in der EHLO-Antwort (Postfix: SIZE 10240000, etwa 10 MB). Base64 macht Anhänge um ein Drittel größer.', fix: 'Anhänge verkleinern, auf mehrere Nachrichten aufteilen oder stattdessen einen Link teilen.' },
  },
  'size.data-too-big': {
    code: 552, enhanced: '5.3.4', text: 'Error: message file too big', origin: 'recorded',
    en: { title: 'Message too large', meaning: 'The message turned out larger than the server\'s limit while it was being sent; the server read it to the end and then refused it.', cause: 'Large attachments, and a client that did not announce the size with SIZE= (or announced too little).', fix: 'Make attachments smaller or split them across several messages.' },
    de: { title: 'Nachricht zu groß', meaning: 'Die Nachricht war beim Senden größer als die Grenze des Servers; er hat sie bis zum Ende gelesen und dann abgelehnt.', cause: 'Große Anhänge, und ein Client, der die Größe nicht mit SIZE= angekündigt hat (oder zu wenig).', fix: 'Anhänge verkleinern oder auf mehrere Nachrichten aufteilen.' },
  },
  'mailbox-full': {
    code: 552, enhanced: '5.2.2', text: '<{address}> Quota exceeded (mailbox for user is full)', origin: 'dovecot',
    en: { title: 'Mailbox full', meaning: 'The recipient\'s mailbox has reached its quota and takes no more mail. This text is what Dovecot\'s LMTP answers.', cause: 'The recipient has not deleted old mail, or the quota is small.', fix: 'The recipient must delete mail or get more space. As a sender, tell them another way, or send again later.' },
    de: { title: 'Postfach voll', meaning: 'Das Postfach des Empfängers hat sein Kontingent erreicht und nimmt keine Mail mehr an. So antwortet Dovecots LMTP.', cause: 'Der Empfänger hat alte Mail nicht gelöscht, oder das Kontingent ist klein.', fix: 'Der Empfänger muss Mail löschen oder mehr Platz bekommen. Als Absender auf anderem Weg Bescheid geben oder später erneut senden.' },
  },
  'mailbox-full.temporary': {
    code: 452, enhanced: '4.2.2', text: '<{address}> Quota exceeded (mailbox for user is full)', origin: 'dovecot',
    en: { title: 'Mailbox full (temporary)', meaning: 'The same full mailbox, answered as temporary (Dovecot quota_full_tempfail = yes): the sending server keeps the mail and retries, hoping the recipient makes room.', cause: 'The recipient\'s mailbox is at its quota.', fix: 'The recipient must delete mail; the sender\'s server delivers on a later retry.' },
    de: { title: 'Postfach voll (vorübergehend)', meaning: 'Dasselbe volle Postfach, aber als vorübergehend gemeldet (Dovecot quota_full_tempfail = yes): Der sendende Server behält die Mail und versucht es erneut, in der Hoffnung, dass der Empfänger Platz schafft.', cause: 'Das Postfach des Empfängers hat sein Kontingent erreicht.', fix: 'Der Empfänger muss Mail löschen; der Server des Absenders stellt bei einem späteren Versuch zu.' },
  },
  greylisted: {
    code: 450, enhanced: '4.2.0', text: '<{address}>: Recipient address rejected: Greylisted, please try again later', origin: 'neutral',
    en: { title: 'Greylisted', meaning: 'The server turns away the first attempt from an unknown sender on purpose and accepts the same mail when it comes again after a few minutes.', cause: 'Greylisting (here as Postfix with postgrey answers; the real postgrey text adds a link to its help page). Spam programs often never retry, real mail servers always do.', fix: 'Nothing to do: the sending server retries by itself. The mail arrives a little later.' },
    de: { title: 'Greylisting', meaning: 'Der Server weist den ersten Versuch eines unbekannten Absenders absichtlich ab und nimmt dieselbe Mail an, wenn sie nach einigen Minuten erneut kommt.', cause: 'Greylisting (hier so, wie Postfix mit postgrey antwortet; der echte postgrey-Text hängt noch einen Link auf seine Hilfeseite an). Spam-Programme versuchen es oft nie wieder, echte Mailserver immer.', fix: 'Nichts zu tun: Der sendende Server versucht es von selbst erneut. Die Mail kommt etwas später an.' },
  },
  'greylisted.milter': {
    code: 451, enhanced: '4.7.1', text: 'Greylisting in action, please come back later', origin: 'neutral',
    en: { title: 'Greylisted', meaning: 'The same idea as 450 greylisting, in the form other greylisting filters (milters) answer it: a temporary refusal of the first attempt.', cause: 'Greylisting of an unknown sender, address and server combination.', fix: 'Nothing to do: the sending server retries by itself.' },
    de: { title: 'Greylisting', meaning: 'Dieselbe Idee wie beim 450-Greylisting, in der Form, in der andere Greylisting-Filter (Milter) antworten: eine vorübergehende Ablehnung des ersten Versuchs.', cause: 'Greylisting einer unbekannten Kombination aus Absender, Adresse und Server.', fix: 'Nichts zu tun: Der sendende Server versucht es von selbst erneut.' },
  },
  'null-mx': {
    code: 556, enhanced: '5.1.10', text: '<{address}>: Recipient address rejected: Domain {domain} does not accept mail (nullMX)', origin: 'postfix',
    en: { title: 'Domain accepts no mail', meaning: 'The recipient\'s domain publishes a "null MX" (MX 0 .), which says: this domain never receives e-mail (RFC 7505).', cause: 'A mistyped domain, or a domain used only for websites.', fix: 'Check the recipient\'s address; the domain itself has declared that it takes no mail.' },
    de: { title: 'Domain nimmt keine Mail an', meaning: 'Die Domain des Empfängers veröffentlicht einen „Null-MX“ (MX 0 .), und der sagt: Diese Domain empfängt nie E-Mail (RFC 7505).', cause: 'Eine vertippte Domain, oder eine Domain nur für Websites.', fix: 'Die Adresse des Empfängers prüfen; die Domain selbst hat erklärt, dass sie keine Mail annimmt.' },
  },
  'null-mx.sender': {
    code: 550, enhanced: '5.7.27', text: '<{address}>: Sender address rejected: Domain {domain} does not accept mail (nullMX)', origin: 'neutral',
    en: { title: 'Sender domain accepts no mail', meaning: 'The sender\'s domain publishes a null MX, so no reply or bounce could ever reach it; RFC 7505 §4.2 lets servers refuse such senders.', cause: 'A sender address in a domain that declared it takes no mail.', fix: 'Send from an address whose domain can receive mail.' },
    de: { title: 'Absenderdomain nimmt keine Mail an', meaning: 'Die Domain des Absenders veröffentlicht einen Null-MX, also könnte sie nie eine Antwort oder Unzustellbarkeitsnachricht erreichen; RFC 7505 §4.2 erlaubt Servern, solche Absender abzulehnen.', cause: 'Eine Absenderadresse in einer Domain, die erklärt hat, dass sie keine Mail annimmt.', fix: 'Von einer Adresse senden, deren Domain Mail empfangen kann.' },
  },
  'spf.fail': {
    code: 550, enhanced: '5.7.23', text: 'Message rejected: SPF check failed, {ip} is not allowed to send mail for {domain}', origin: 'neutral',
    en: { title: 'SPF check failed', meaning: 'The domain\'s SPF record lists the servers allowed to send its mail, and the sending server is not among them (RFC 7208; code 5.7.23 from RFC 7372).', cause: 'The mail went out through a server missing from the SPF record (a new provider, a forwarder), or someone forges the domain.', fix: 'The domain owner adds the sending server to the SPF TXT record (for example include: or ip4:). Users send through the domain\'s own server.' },
    de: { title: 'SPF-Prüfung fehlgeschlagen', meaning: 'Der SPF-Eintrag der Domain listet die Server auf, die ihre Mail senden dürfen, und der sendende Server gehört nicht dazu (RFC 7208; Code 5.7.23 aus RFC 7372).', cause: 'Die Mail ging über einen Server, der im SPF-Eintrag fehlt (ein neuer Anbieter, eine Weiterleitung), oder jemand fälscht die Domain.', fix: 'Der Domaininhaber trägt den sendenden Server in den SPF-TXT-Eintrag ein (etwa mit include: oder ip4:). Benutzer senden über den Server der eigenen Domain.' },
  },
  'dkim.fail': {
    code: 550, enhanced: '5.7.20', text: 'Message rejected: no valid DKIM signature found', origin: 'neutral',
    en: { title: 'No valid DKIM signature', meaning: 'The message carries no DKIM signature that checks out (RFC 6376; code 5.7.20 from RFC 7372).', cause: 'The public key is missing from DNS, the selector is wrong, or the message was changed on the way (a footer added, a header rewritten).', fix: 'Publish the key under selector._domainkey, sign outgoing mail, and do not change signed messages after signing.' },
    de: { title: 'Keine gültige DKIM-Signatur', meaning: 'Die Nachricht trägt keine DKIM-Signatur, deren Prüfung gelingt (RFC 6376; Code 5.7.20 aus RFC 7372).', cause: 'Der öffentliche Schlüssel fehlt im DNS, der Selector ist falsch, oder die Nachricht wurde unterwegs verändert (Fußzeile angefügt, Kopfzeile umgeschrieben).', fix: 'Den Schlüssel unter selector._domainkey veröffentlichen, ausgehende Mail signieren und signierte Nachrichten danach nicht mehr verändern.' },
  },
  'dmarc.reject': {
    code: 550, enhanced: '5.7.1', text: 'rejected by DMARC policy for {domain}', origin: 'neutral',
    en: { title: 'Rejected by DMARC', meaning: 'Neither SPF nor DKIM confirmed the domain in the From header, and that domain\'s DMARC record says p=reject (RFC 7489). The text is what OpenDMARC writes.', cause: 'Forged From address, or a legitimate sender whose SPF and DKIM are broken or do not align with the From domain.', fix: 'The domain owner fixes SPF and DKIM so that at least one passes and matches the From domain; until then p=none collects reports without rejecting.' },
    de: { title: 'Durch DMARC abgelehnt', meaning: 'Weder SPF noch DKIM haben die Domain in der From-Kopfzeile bestätigt, und der DMARC-Eintrag dieser Domain sagt p=reject (RFC 7489). Der Text ist der von OpenDMARC.', cause: 'Eine gefälschte From-Adresse, oder ein echter Absender, dessen SPF und DKIM kaputt sind oder nicht zur From-Domain passen.', fix: 'Der Domaininhaber repariert SPF und DKIM, sodass mindestens eines besteht und zur From-Domain passt; bis dahin sammelt p=none Berichte, ohne abzulehnen.' },
  },
  'auth.multiple-failed': {
    code: 550, enhanced: '5.7.26', text: 'Message rejected: SPF and DKIM both failed for {domain}', origin: 'neutral',
    en: { title: 'Sender not authenticated', meaning: 'Several checks of the sender failed at once, here both SPF and DKIM (code 5.7.26 from RFC 7372). Large providers refuse such mail outright.', cause: 'The sending domain has no working SPF record and no DKIM signature, or the mail is forged.', fix: 'The domain owner sets up SPF and DKIM (and DMARC) for every server that sends the domain\'s mail.' },
    de: { title: 'Absender nicht authentifiziert', meaning: 'Mehrere Prüfungen des Absenders sind gleichzeitig fehlgeschlagen, hier SPF und DKIM (Code 5.7.26 aus RFC 7372). Große Anbieter lehnen solche Mail direkt ab.', cause: 'Die sendende Domain hat weder einen funktionierenden SPF-Eintrag noch eine DKIM-Signatur, oder die Mail ist gefälscht.', fix: 'Der Domaininhaber richtet SPF und DKIM (und DMARC) für jeden Server ein, der Mail der Domain versendet.' },
  },
  'dnsbl.listed': {
    code: 554, enhanced: '5.7.1', text: 'Service unavailable; Client host [{ip}] blocked using {zone}', origin: 'postfix',
    en: { title: 'Blocked by a block list', meaning: 'The sending server\'s IP address is on a DNS block list (DNSBL) that this server checks.', cause: 'Often a dynamic IP of a home connection (the seed article: home servers count as spam sources), or a server that sent spam, for example after a break-in.', fix: 'Send through your provider\'s outgoing server instead of directly from home; a server operator removes the cause and asks the list to delist the address.' },
    de: { title: 'Durch eine Sperrliste blockiert', meaning: 'Die IP-Adresse des sendenden Servers steht auf einer DNS-Sperrliste (DNSBL), die dieser Server abfragt.', cause: 'Oft eine dynamische IP eines Heimanschlusses (der Artikel: Server zu Hause gelten als Spamverteiler), oder ein Server, der Spam versendet hat, etwa nach einem Einbruch.', fix: 'Über den Postausgangsserver des Anbieters senden statt direkt von zu Hause; ein Serverbetreiber beseitigt die Ursache und beantragt die Austragung.' },
  },
  'client.no-rdns': {
    code: 450, enhanced: '4.7.25', text: 'Client host rejected: cannot find your hostname, [{ip}]', origin: 'postfix',
    en: { title: 'No reverse DNS', meaning: 'The sending server\'s IP address has no PTR record that leads back to it (code 4.7.25 from RFC 7372).', cause: 'A home or cloud IP without a proper reverse DNS name.', fix: 'The server operator asks the IP owner for a PTR record matching the server name, or sends through a provider\'s server.' },
    de: { title: 'Kein Reverse-DNS', meaning: 'Für die IP-Adresse des sendenden Servers gibt es keinen PTR-Eintrag, der zu ihr zurückführt (Code 4.7.25 aus RFC 7372).', cause: 'Eine Heim- oder Cloud-IP ohne passenden Reverse-DNS-Namen.', fix: 'Der Serverbetreiber lässt sich vom Inhaber der IP einen PTR-Eintrag mit dem Servernamen einrichten, oder sendet über den Server eines Anbieters.' },
  },
  'spam.reject': {
    code: 550, enhanced: '5.7.1', text: 'Message rejected as spam', origin: 'neutral',
    en: { title: 'Rejected as spam', meaning: 'The server\'s spam filter scored the message too high and refuses it.', cause: 'Spam-like content or links, failed SPF/DKIM/DMARC, a sender on block lists, or a bad reputation of the sending server.', fix: 'Fix sender authentication (SPF, DKIM, DMARC), avoid spam-like wording, and send through a reputable server.' },
    de: { title: 'Als Spam abgelehnt', meaning: 'Der Spamfilter des Servers hat die Nachricht zu hoch bewertet und lehnt sie ab.', cause: 'Spamverdächtiger Inhalt oder Links, fehlgeschlagenes SPF/DKIM/DMARC, ein Absender auf Sperrlisten oder ein schlechter Ruf des sendenden Servers.', fix: 'Absender-Authentifizierung (SPF, DKIM, DMARC) in Ordnung bringen, spamverdächtige Formulierungen vermeiden und über einen seriösen Server senden.' },
  },
} satisfies Record<string, ReplyData>;
