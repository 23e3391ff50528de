/**
 * The few platform APIs the pure core may use, present alike in browsers, Web Workers and Node 20:
 * text encoding, base64 and WebCrypto (for DKIM). Declared here because the core's tsconfig has no
 * DOM library, so that nothing else from the DOM can slip in.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBuffer | ArrayBufferView): string;
}
declare function atob(data: string): string;
declare function btoa(data: string): string;

interface SimCryptoKey {
  readonly type: string;
  readonly algorithm: unknown;
}
interface SimSubtleCrypto {
  digest(algorithm: string, data: ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer>;
  importKey(format: 'spki' | 'pkcs8' | 'raw' | 'jwk', keyData: ArrayBuffer | ArrayBufferView | object, algorithm: object, extractable: boolean, usages: string[]): Promise<SimCryptoKey>;
  exportKey(format: 'spki' | 'pkcs8' | 'raw' | 'jwk', key: SimCryptoKey): Promise<ArrayBuffer>;
  sign(algorithm: string | object, key: SimCryptoKey, data: ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer>;
  verify(algorithm: string | object, key: SimCryptoKey, signature: ArrayBuffer | ArrayBufferView, data: ArrayBuffer | ArrayBufferView): Promise<boolean>;
  generateKey(algorithm: object, extractable: boolean, usages: string[]): Promise<{ publicKey: SimCryptoKey; privateKey: SimCryptoKey }>;
}
declare const crypto: { readonly subtle: SimSubtleCrypto };
