/**
 * authenticateAccount: the account store's answer to a user name and password, shared by every
 * service that logs people in (submission, IMAP, POP3): the full address is the user name, and
 * an account that requires app passwords (or has the `app-password-required` fault) takes only
 * its app password; its normal password then gets a distinct refusal.
 */
import type { AuthVerdict } from '../protocol/pop3-rules';
import type { WorldContext } from './context';

/** authenticateAccount checks a login against the world's accounts. */
export function authenticateAccount(ctx: WorldContext, user: string, password: string): AuthVerdict {
  const account = ctx.account(user);
  if (!account || account.address.toLowerCase() !== user.toLowerCase()) return 'fail';
  const needsApp = account.requireAppPassword || ctx.faults.active('app-password-required', account.address) !== undefined;
  if (needsApp) {
    if (account.appPassword && password === account.appPassword) return 'ok';
    return password === account.password ? 'app-password-required' : 'fail';
  }
  return password === account.password || (account.appPassword !== undefined && password === account.appPassword) ? 'ok' : 'fail';
}
