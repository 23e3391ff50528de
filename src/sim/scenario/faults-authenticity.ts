/**
 * Fault catalogue, part 3: the receiving side doubts the mail (SPF, DKIM, DMARC, block lists, spam
 * score).
 */
import type { FaultDef } from './fault-def';

/** AUTHENTICITY_FAULTS: faults of sender authentication and spam filtering. */
export const AUTHENTICITY_FAULTS: readonly FaultDef[] = [
  {
    kind: 'spf-wrong-ip',
    targetKind: 'zone',
    params: [
      { name: 'ip', type: 'string', default: '203.0.113.250', description: { en: 'The address the SPF record authorises instead of the real outbound server', de: 'Die Adresse, die der SPF-Eintrag statt des echten ausgehenden Servers erlaubt' } },
    ],
    title: { en: 'SPF lists a wrong address', de: 'SPF nennt eine falsche Adresse' },
    effect: {
      en: 'The zone\'s SPF record authorises a wrong IP address instead of the outbound server\'s, so receiving servers evaluate SPF for its mail as fail.',
      de: 'Der SPF-Eintrag der Zone erlaubt eine falsche IP-Adresse statt der des ausgehenden Servers, daher werten empfangende Server SPF für ihre Mails als fail.',
    },
    teaches: {
      en: 'SPF compares the connecting server\'s IP with the addresses the sender\'s domain publishes. Read the Authentication-Results header, then correct the address in the TXT record.',
      de: 'SPF vergleicht die IP des einliefernden Servers mit den Adressen, die die Absenderdomain veröffentlicht. Den Header Authentication-Results lesen, dann die Adresse im TXT-Eintrag korrigieren.',
    },
    replies: [],
  },
  {
    kind: 'spf-missing-sender',
    targetKind: 'zone',
    params: [],
    title: { en: 'SPF misses the outbound server', de: 'SPF vergisst den ausgehenden Server' },
    effect: {
      en: 'The zone\'s SPF record ends in `-all` but does not include the server that really sends the domain\'s mail (for example the relay), so SPF fails for it.',
      de: 'Der SPF-Eintrag der Zone endet mit `-all`, enthält aber nicht den Server, der die Mails der Domain tatsächlich versendet (etwa das Relay), daher scheitert SPF dafür.',
    },
    teaches: {
      en: 'Every server that hands the domain\'s mail to the outside world must be listed (ip4:, a:, mx: or include:). `-all` makes every other server fail.',
      de: 'Jeder Server, der Mails der Domain nach außen übergibt, muss aufgeführt sein (ip4:, a:, mx: oder include:). `-all` lässt alle anderen Server scheitern.',
    },
    replies: [],
  },
  {
    kind: 'spf-too-many-lookups',
    targetKind: 'zone',
    params: [],
    title: { en: 'SPF needs too many lookups', de: 'SPF braucht zu viele Abfragen' },
    effect: {
      en: 'The zone\'s SPF record is rewritten with more than 10 mechanisms that need DNS lookups (include:, a:, mx:), so evaluation ends in permerror (RFC 7208 §4.6.4).',
      de: 'Der SPF-Eintrag der Zone wird mit mehr als 10 Mechanismen umgeschrieben, die DNS-Abfragen brauchen (include:, a:, mx:), daher endet die Auswertung mit permerror (RFC 7208 §4.6.4).',
    },
    teaches: {
      en: 'SPF allows at most 10 DNS lookups per check. Merge includes or list addresses with ip4:/ip6:, which need no lookup.',
      de: 'SPF erlaubt höchstens 10 DNS-Abfragen pro Prüfung. Includes zusammenfassen oder Adressen mit ip4:/ip6: angeben, die keine Abfrage brauchen.',
    },
    replies: [],
  },
  {
    kind: 'dkim-key-missing',
    targetKind: 'zone',
    params: [],
    title: { en: 'DKIM key missing', de: 'DKIM-Schlüssel fehlt' },
    effect: {
      en: 'The public key record `<selector>._domainkey` is removed from the zone: signatures of the domain cannot be verified, and receivers record dkim=permerror.',
      de: 'Der Eintrag mit dem öffentlichen Schlüssel `<selector>._domainkey` wird aus der Zone entfernt: Signaturen der Domain lassen sich nicht prüfen, Empfänger vermerken dkim=permerror.',
    },
    teaches: {
      en: 'The DKIM-Signature header names the domain (d=) and selector (s=) whose key the receiver looks up. Publish the key under exactly that name.',
      de: 'Der Header DKIM-Signature nennt Domain (d=) und Selektor (s=), deren Schlüssel der Empfänger abfragt. Den Schlüssel genau unter diesem Namen veröffentlichen.',
    },
    replies: [],
  },
  {
    kind: 'body-modified',
    targetKind: 'host',
    params: [
      { name: 'footer', type: 'string', default: 'This message was scanned for viruses.', description: { en: 'Text the host appends to every body it passes on', de: 'Text, den der Rechner an jeden weitergegebenen Nachrichtentext anhängt' } },
    ],
    title: { en: 'Body changed in transit', de: 'Text unterwegs verändert' },
    effect: {
      en: 'The host appends a footer to the body of every mail it passes on, so the DKIM body hash no longer matches and receivers record dkim=fail.',
      de: 'Der Rechner hängt an den Text jeder weitergegebenen Mail eine Fußzeile an, daher passt der DKIM-Body-Hash nicht mehr, und Empfänger vermerken dkim=fail.',
    },
    teaches: {
      en: 'DKIM seals the body with a hash; any change on the way breaks it. Find the hop that altered the mail and stop it from changing signed mail.',
      de: 'DKIM versiegelt den Text mit einem Hash; jede Änderung unterwegs bricht ihn. Die Station finden, die die Mail verändert hat, und verhindern, dass sie signierte Mails ändert.',
    },
    replies: [],
  },
  {
    kind: 'dmarc-reject',
    targetKind: 'zone',
    params: [],
    title: { en: 'DMARC rejects', de: 'DMARC lehnt ab' },
    effect: {
      en: 'The zone\'s DMARC policy becomes p=reject while its mail arrives without an aligned SPF pass or valid DKIM signature (as when another service sends in its name): receiving servers refuse it with 550 5.7.1.',
      de: 'Die DMARC-Richtlinie der Zone wird p=reject, während ihre Mails ohne passendes SPF-pass oder gültige DKIM-Signatur ankommen (wie wenn ein anderer Dienst in ihrem Namen sendet): Empfangende Server lehnen sie mit 550 5.7.1 ab.',
    },
    teaches: {
      en: 'DMARC passes only if SPF or DKIM passes for the domain in the From address. Make every sending service sign with the domain or be listed in SPF before choosing p=reject.',
      de: 'DMARC besteht nur, wenn SPF oder DKIM für die Domain der From-Adresse besteht. Jeden sendenden Dienst mit der Domain signieren lassen oder in SPF aufnehmen, bevor man p=reject wählt.',
    },
    replies: ['550 5.7.1'],
  },
  {
    kind: 'dmarc-quarantine',
    targetKind: 'zone',
    params: [],
    title: { en: 'DMARC quarantines', de: 'DMARC stellt unter Quarantäne' },
    effect: {
      en: 'The zone\'s DMARC policy becomes p=quarantine while its mail arrives without an aligned SPF pass or valid DKIM signature: receiving servers accept it but file it into Junk.',
      de: 'Die DMARC-Richtlinie der Zone wird p=quarantine, während ihre Mails ohne passendes SPF-pass oder gültige DKIM-Signatur ankommen: Empfangende Server nehmen sie an, legen sie aber in den Spam-Ordner.',
    },
    teaches: {
      en: 'Mail in Junk that was "delivered" is a DMARC quarantine or spam verdict. The Authentication-Results header tells which check failed.',
      de: 'Eine „zugestellte“ Mail im Spam-Ordner ist eine DMARC-Quarantäne oder ein Spam-Urteil. Der Header Authentication-Results zeigt, welche Prüfung gescheitert ist.',
    },
    replies: [],
  },
  {
    kind: 'dnsbl-listed',
    targetKind: 'host',
    params: [
      { name: 'list', type: 'string', default: 'dnsbl.example.net', description: { en: 'The block list that lists the host\'s address', de: 'Die Sperrliste, die die Adresse des Rechners führt' } },
    ],
    title: { en: 'Listed on a block list', de: 'Auf einer Sperrliste' },
    effect: {
      en: 'The host\'s IP address appears on a DNS block list, as dynamic home addresses do: receiving servers that consult the list refuse its connections with 554 5.7.1.',
      de: 'Die IP-Adresse des Rechners steht auf einer DNS-Sperrliste, wie es dynamische Heimadressen tun: Empfangende Server, die die Liste abfragen, lehnen seine Verbindungen mit 554 5.7.1 ab.',
    },
    teaches: {
      en: 'Receivers do not trust mail sent straight from home IP ranges. Send through the provider\'s submission server, whose address has a good reputation.',
      de: 'Empfänger trauen Mails nicht, die direkt aus Heimnetz-Adressbereichen kommen. Über den Einlieferungsserver des Providers senden, dessen Adresse einen guten Ruf hat.',
    },
    replies: ['554 5.7.1'],
  },
  {
    kind: 'spam-content',
    targetKind: 'account',
    params: [
      { name: 'score', type: 'number', default: 8, min: 0, max: 100, description: { en: 'The spam score the content earns (the usual threshold is 5)', de: 'Der Spam-Wert, den der Inhalt erhält (die übliche Schwelle ist 5)' } },
      { name: 'reject', type: 'boolean', default: false, description: { en: 'Refuse the mail with 554 5.7.1 instead of filing it into Junk', de: 'Die Mail mit 554 5.7.1 ablehnen, statt sie in den Spam-Ordner zu legen' } },
    ],
    title: { en: 'Content looks like spam', de: 'Inhalt wirkt wie Spam' },
    effect: {
      en: 'Mail from the account carries content typical of spam: the receiving server\'s filter scores it above its threshold and files it into Junk (or refuses it with 554 5.7.1).',
      de: 'Mails des Kontos enthalten spamtypische Inhalte: Der Filter des empfangenden Servers bewertet sie über seiner Schwelle und legt sie in den Spam-Ordner (oder lehnt sie mit 554 5.7.1 ab).',
    },
    teaches: {
      en: 'Even authenticated mail can be judged by its content. The X-Spam headers list the rules that fired; look in the recipient\'s Junk folder before resending.',
      de: 'Auch authentifizierte Mails werden nach ihrem Inhalt beurteilt. Die X-Spam-Header nennen die ausgelösten Regeln; vor dem erneuten Senden im Spam-Ordner des Empfängers nachsehen.',
    },
    replies: ['554 5.7.1'],
  },
];
