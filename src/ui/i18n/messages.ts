/**
 * The one message catalogue: every text of the UI in English and German. `de` must have every
 * key of `en` (the type says so); `{name}` marks a placeholder.
 */

import { APP_DE, APP_EN } from './messages-app';
import { COURSE_DE, COURSE_EN } from './messages-course';
import { MAIL_DE, MAIL_EN } from './messages-mail';
import { PANELS_DE, PANELS_EN } from './messages-panels';

const en = { ...APP_EN, ...MAIL_EN, ...PANELS_EN, ...COURSE_EN };

/** MessageKey: every key of the catalogue. */
export type MessageKey = keyof typeof en;

const de: Record<MessageKey, string> = { ...APP_DE, ...MAIL_DE, ...PANELS_DE, ...COURSE_DE };

/** Lang: the languages of the catalogue. */
export type Lang = 'en' | 'de';

/** messages: the catalogue, by language. */
export const messages: Record<Lang, Record<MessageKey, string>> = { en, de };
