/**
 * Fixed DKIM keys of the default world: one 2048-bit RSA pair each for example.com and example.org,
 * selector `s2026`, generated once with OpenSSL. FOR THE SIMULATOR ONLY: the private keys are
 * public in this source file, so they must never sign real mail.
 */

/** DefaultDkimKey: a signing domain's key: the private half for its MTA and the TXT record for its zone. */
export interface DefaultDkimKey {
  domain: string;
  selector: string;
  /** PKCS#8 private key, base64 (no PEM armour), as `signDkim` takes it. */
  privateKey: string;
  /** The record's text published at `selector._domainkey.domain`: `v=DKIM1; k=rsa; p=...`. */
  dnsTxt: string;
  /**
   * The same record in zone-file syntax: quoted strings of at most 255 octets, because one TXT
   * string cannot be longer (RFC 1035 §3.3.14); receivers join them (RFC 6376 §3.6.2.2).
   */
  zoneTxt: string;
}

function defaultKey(domain: string, privateKey: string, publicSpki: string): DefaultDkimKey {
  const dnsTxt = `v=DKIM1; k=rsa; p=${publicSpki}`;
  const strings: string[] = [];
  for (let i = 0; i < dnsTxt.length; i += 255) strings.push(`"${dnsTxt.slice(i, i + 255)}"`);
  return { domain, selector: 's2026', privateKey, dnsTxt, zoneTxt: strings.join(' ') };
}

const COM_PRIVATE =
  'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC8Tl0kEzaXu/2KB/NVwGnCLcPbRbJUqi7v6pU+LHJhe6VO' +
  'v0mPPgqYlObDTZQeEvb6dabOn2PF0XD+Nv44fSAJ/09TymYkVHDJIwjauswY0qBQJQXPGvHZdmNNUwoqlVXSCpkxSZiypWIP' +
  'n7xTRMPM6FraJJgxsCLT7iBmAblJXcWeBy/K42h3bczQkvjL6/gCbl5qq5AMvbQllyncDT7h3DlB6HCQJF2TtJZUHb1BK3Ms' +
  'Xw6TSC9y+0hyDlHN7Vy1U+80Y8v7tk3sk/dTBkgnOMzsG7WqiqKNON+EM9AeqFLYBo+rQGFuy3ZWcmoujT+xWyeEUKN+a27F' +
  'xP1Q70CDAgMBAAECggEAB86D5AP75mx/xWIw/2QbvlYhYYzRKNtpWL7z8wDquQnkP5CEnzCmRc8ehghIVLrajGWmRbir7T6S' +
  'nadwAK2HT4LLKiEg/O6XQm92ZYMLBRhuVwRB6mUmk6pp0YHY0Q0h4rRXx4hSkU1z9EveBeG68FrNsW+E88JmnzynETOPF/B9' +
  '+Zj9iNa7epErx/rpTIqDfW1j/5Ldvz1rYfGD3XdoAxx8G+OLkmAhNUaYzhIa2hLI8NWNtfyJAIeFDsQVOYFKbHG+zzbK2H1t' +
  'uzKPnbldr3yh4uuzcEgijbXTR5AC/o963ChDxOFp9y8usGUWRSHB8v3djqpyC9X/1ZHJwlZjCQKBgQD04RHA+Z2FHsoAg3yj' +
  'EYR885yyPBk6sYkgy+XYP/NctaBpOyqaYPoBeSZclcwBpz/L7kIEEqTaamfb91l0rIquYAXFSEZ1XFZEBsD2pGMdOOIvJM9N' +
  '5xgOzeloQQ/H+pL2607KB+CtimBDfKZJK9ShknblqtVOce7jET6UmJznjQKBgQDE25WAvFSmo6xW4wXR3ppbf81MXKiiOyeD' +
  'rOZiMcsp055Y/UH8chdFpAsPwH6vDZCKKf9ncsOmt69CDX2OfoWk14Ds3t3r7+ijm70RDMQzbMD1Ed3ZfZNJnAktc0KyEBBT' +
  'YnuqZPtfCVbz81o/JBKvk0XRrQJI3iANHKzqKyn8TwKBgQCN3wubIsLpCgJ8M7F1BEQe5EDHXlw7jfnlX1wFYl+LOcr6zIWN' +
  'NVwCmH7qKvsrhgtHCf2DQI3z4KvVW8Oe/gvGpOkS+CGiAuITvVn0Sx8FIhygtZHJD3b3tMJiXTdYY8rbdU6La+72e/Hzh3cL' +
  'c3JYPXPW8ZdtQELnmOkJzDUzTQKBgQC96Ph5kTY47H099RWQOae/zbNIj7s/hsHADfTTliXg2/5O60PVPlulG3RwZcvRJMzj' +
  '/VAfhF+rXlj85/bQmM5lEGGYIgkFrBRKgdwLrr04vxoHUo0rXDHTOWzBJAibr1OQndmfsHuwW1o/Te0qLKq6JuGcPcOOeHuD' +
  'Kr7FyY5fkQKBgBLmg4PcgvFCl2p+BuHNwf+lXziYjDUEnJjrSu0gIXaCV6mvsQfzvHe7r1fhPTcafrWJVUhCpiICzXydAGwf' +
  'XNq70Vt+40h+dThbjcWcxzZjebbAgcilDDC21wQK28I0u44CWUUy5ZUW0hjpkXKxVJ0viBnPp13j39zXq4KeVi4o';
const COM_PUBLIC =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvE5dJBM2l7v9igfzVcBpwi3D20WyVKou7+qVPixyYXulTr9Jjz4K' +
  'mJTmw02UHhL2+nWmzp9jxdFw/jb+OH0gCf9PU8pmJFRwySMI2rrMGNKgUCUFzxrx2XZjTVMKKpVV0gqZMUmYsqViD5+8U0TD' +
  'zOha2iSYMbAi0+4gZgG5SV3FngcvyuNod23M0JL4y+v4Am5eaquQDL20JZcp3A0+4dw5QehwkCRdk7SWVB29QStzLF8Ok0gv' +
  'cvtIcg5Rze1ctVPvNGPL+7ZN7JP3UwZIJzjM7Bu1qoqijTjfhDPQHqhS2AaPq0Bhbst2VnJqLo0/sVsnhFCjfmtuxcT9UO9A' +
  'gwIDAQAB';
const ORG_PRIVATE =
  'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC5ctf0qVujsCdtKoAAbZOum87f4jRkvN/b+xyu3UEh2BmW' +
  'k1Oc731l+mW3Ff0D0HyjRvvQPRqW3L4KMq6ZDy6ktmv8vdqTB0VqdlWRN1NwSq6UONDKerbnJ2lMsKKK3m7mMFRWCHF9X9I8' +
  'cjcYQVE/C0hY5NmtTzz616sMeMpD1+D5Zks5pnef7he8vbfasDyuidXtFTSRE9ailELeJi3E7fu4kPHVcxG8hnsvsQG66Zik' +
  'IXGmrM2Zek8bOZu0+9fupWd5cp/z+4xoOeYcdF+/dMSoLlReQ+3BUpvx2ptPpaYbhFPexfJBDaqMKChohMkf2odvf4CrOyEa' +
  'A7uFgKwJAgMBAAECggEAOsRJ6x5AC/8mf1GYfoo64no9dHUaZVH1HqDU1hUHLtJsSWsmc/TwqABRe1Ncenj3BkbYRYUXh/cr' +
  'wc+NxLMq9MdaMR14xl7ngHU/aGU/67W+3PmkMIXysA2tMMBIwfj667clAp5qWHClDsKi8uy/8lqA8qqS0HjruhHeAnXEovqb' +
  'mMeDFeMtxDgQAGUsnxxMSSpAHEKi59IVUlP4VpLwLYR54aVvk8uKCBhdn52RMQQSEHxs/eM1/7PJf/9TZ9QqXHGruabYaIxV' +
  'BAySV0BaXtMN/T6+dhSfAnI2M9Lol+Qm9p75TTGPgiePENQVkKhgxkDwB9qr7XLtRbx19mTWgQKBgQDtMMMMyDhpPkd2wW3c' +
  'W4nF6UssY9vTtzPlL4Bfu9c9+n+M+XyIC5ktbpt+z3O45fPhVB8Mx20mZeAXHo8493RFAIT0JfXgiwnzekYAR+K6BtKrlbcM' +
  'BFyDZW0/Yb0h2CmrHVMjtYQD+yNGgJFGvjUlzcvCSagCUOLa2/zqb3LQfwKBgQDIJ6mbK+3QXHN+wdrwWZE4YSudOky3gHg8' +
  'vFTXK6LfN9WwJm9Rz28Fl0Gx7FRZnRRyB6VVjvmW/jsKxoRHb1WmDbterMyZWkphHBWLdBeLTZIpcDBVgYIs7zWGse0API2+' +
  'tMAtpPtdRA2t5t3N4llIz3j/ayIyH5XfxmMr+O2/dwKBgQDhObdM8OaYEPpdKul+IDHgC1pFiYEZNdKCYyu8PCr0AGST4ee9' +
  'a34FZQ0kSisxvLFrGqztPoVHu98hNPR8/IScbRTSnSUwFfbaCxZjd980E/yB0AVj1NRgNLSbRd0JQTC3+n2S3+6+tP9XGAhb' +
  'K4xeHF/KWpS9tj7j4Zb0qeVVUwKBgAXz0AJyWv8wUKr7XuR49W2kziQ94JwwcOL1gtxnSs+ynGNBsVvQfG/BIM4GxjdoCXye' +
  'p5cUym1oIB9g6fwp3nUywVi+cNM6sS2UJTvhdvXIl8ktsfJJCLMHZiMcVX0FT/3U6EYzOtp6NKHwVLZTve4BZYrLB9hPwihG' +
  'gRqEq6VfAoGBAOiL6cJQUaXC6VvMwLeqZywKM60MYtNsmC2qYfn16MvdzTWa5Lj6CjnLmTvlwOH3cJFlFUUGJcT/fcLMIBXn' +
  'qKkWjxnapu8r+z0vr1iE015D63qGqFckiCr0orGnfWMGF0dvKHO1XZp9t8no16SA4iLD5PWlzjcloVJA1snuZfN/';
const ORG_PUBLIC =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuXLX9Klbo7AnbSqAAG2TrpvO3+I0ZLzf2/scrt1BIdgZlpNTnO99' +
  'ZfpltxX9A9B8o0b70D0alty+CjKumQ8upLZr/L3akwdFanZVkTdTcEqulDjQynq25ydpTLCiit5u5jBUVghxfV/SPHI3GEFR' +
  'PwtIWOTZrU88+terDHjKQ9fg+WZLOaZ3n+4XvL232rA8ronV7RU0kRPWopRC3iYtxO37uJDx1XMRvIZ7L7EBuumYpCFxpqzN' +
  'mXpPGzmbtPvX7qVneXKf8/uMaDnmHHRfv3TEqC5UXkPtwVKb8dqbT6WmG4RT3sXyQQ2qjCgoaITJH9qHb3+AqzshGgO7hYCs' +
  'CQIDAQAB';

/** EXAMPLE_COM_DKIM: the key example.com's outbound MTA signs with (`s2026._domainkey.example.com`). */
export const EXAMPLE_COM_DKIM: DefaultDkimKey = defaultKey('example.com', COM_PRIVATE, COM_PUBLIC);

/** EXAMPLE_ORG_DKIM: the key example.org's outbound MTA signs with (`s2026._domainkey.example.org`). */
export const EXAMPLE_ORG_DKIM: DefaultDkimKey = defaultKey('example.org', ORG_PRIVATE, ORG_PUBLIC);

/** DEFAULT_DKIM_KEYS: the fixed keys of the default world, by signing domain. */
export const DEFAULT_DKIM_KEYS: Readonly<Record<'example.com' | 'example.org', DefaultDkimKey>> = {
  'example.com': EXAMPLE_COM_DKIM,
  'example.org': EXAMPLE_ORG_DKIM,
};
