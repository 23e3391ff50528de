/**
 * The protocol layer's public API: pure parsers, formatters and data tables with no XState.
 * RFCs: 5321 (SMTP), 5322 (messages), 3463 and 2034 (enhanced status codes), 4954, 4616 (AUTH,
 * PLAIN), 3207 (STARTTLS), 1870 (SIZE), 2047 (encoded words), 7372 and 7505 (policy codes);
 * 1939, 2449, 2595, 5034 (POP3) and 9051/3501 (IMAP).
 */
export * from './bytes';
export * from './smtp-reply';
export * from './smtp-command';
export * from './reply-table';
export * from './mua-errors';
export * from './dot-stuffing';
export * from './message';
export * from './sasl';
export * from './mailbox-reply-table';
export * from './pop3-command';
export * from './pop3-replies';
export * from './imap-parse';
export * from './imap-replies';
