/**
 * What an HTTP status of useapi.net means to a caller, in one place (statuses per
 * https://useapi.net/docs/api-minimax-v1). 0 stands for "no HTTP answer" (transport.ts `network`).
 */

export const isOk = (code: number): boolean => code >= 200 && code < 300;

/** Account on hold (596): retrying cannot help, the account is out. */
export const ACCOUNT_ON_HOLD = 596;

/** No answer, busy (429) or a server error other than 596: another try may succeed. */
export const isTransient = (code: number): boolean =>
	code === 0 || code === 429 || (code >= 500 && code !== ACCOUNT_ON_HOLD);

/** The account cannot take jobs for the rest of the run: no credits (412) or on hold (596). */
export const isAccountOut = (code: number): boolean => code === 412 || code === ACCOUNT_ON_HOLD;

/**
 * After a create: no answer that proves the job was not made (the connection broke after sending,
 * or a 5xx other than 596 and 501), so the job must be looked for before anything is sent again.
 */
export function mayHaveCreated(response: {
	statusCode: number;
	network?: { ambiguous: boolean };
}): boolean {
	const code = response.statusCode;
	if (code === 0) return response.network?.ambiguous === true;
	return code >= 500 && code !== ACCOUNT_ON_HOLD && code !== 501;
}
