import { kindOfId, type JobKind } from './status';

export class InvalidIdError extends Error {}

const EXAMPLES: Partial<Record<JobKind, string>> = {
	video: 'user:1234-minimax:987654321-video:998877665544332211',
	image: 'user:1234-minimax:987654321-image:357846312387492374',
	file: 'user:1234-minimax:987654321-file:335577991133557799',
	agent: 'p123456789-u12345-a67890-bot:minimax',
	speech: 'user:1234-minimax:987654321-audio:556677889900112233',
	music: 'user:1234-minimax:987654321-music:998877665544332211',
	voice: 'user:1234-minimax:987654321-voice:445566778899',
};

const KIND_NAMES: Partial<Record<JobKind, string>> = {
	image: 'an image',
	speech: 'a speech (audio)',
	agent: 'an agent job',
};

/**
 * The documented grammar (https://useapi.net/docs/api-minimax-v1): `user:<n>-minimax:<account>-<kind>:<minimax id>`, agent
 * jobs `p<n>-u<n>-a<account>-bot:minimax`, accounts are digits. Nothing else ever goes into a path,
 * so `\ ? & # ; %`, `..`, CR/LF and non-ASCII characters can never alter a request.
 */
const USEAPI_ID = /^user:\d{1,20}-minimax:\d{1,24}-[a-z]{2,16}:[A-Za-z0-9]{1,64}$/;
const AGENT_ID = /^p\d{1,24}-u\d{1,20}-a\d{1,24}-bot:minimax$/;
const ACCOUNT = /^\d{1,24}$/;

export const isWellFormedId = (id: unknown): boolean =>
	typeof id === 'string' && (USEAPI_ID.test(id) || AGENT_ID.test(id));

export const isWellFormedAccount = (account: unknown): boolean =>
	typeof account === 'string' && ACCOUNT.test(account);

/** Text of a parameter that must be a string; numbers are fine (accounts), objects and arrays are not. */
function textOf(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new InvalidIdError(
		`"${field}" must be text, but an expression gave ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}.`,
	);
}

/** The first character the grammar never allows, for the message. */
function badCharacter(id: string): string | undefined {
	const match = /[^A-Za-z0-9:-]/.exec(id);
	if (!match) return undefined;
	const ch = match[0];
	const code = ch.charCodeAt(0);
	return code < 32 || code > 126
		? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
		: `"${ch}"`;
}

/**
 * Checks a useapi id before it goes into a path. Ids contain ':' and must be sent raw, so an
 * encoded id is refused rather than decoded silently: it usually means a copy from a URL.
 */
export function checkId(value: unknown, field: string, kind: JobKind | 'any' = 'any'): string {
	const id = textOf(value, field);
	const example = kind !== 'any' ? EXAMPLES[kind] : undefined;
	const hint = example ? ` A full id looks like "${example}".` : '';
	if (!id) throw new InvalidIdError(`"${field}" is empty.${hint}`);
	if (/%3a/i.test(id)) {
		throw new InvalidIdError(
			`"${field}" looks URL-encoded ("%3A" instead of ":"). Paste the id as the API returned it.${hint}`,
		);
	}
	if (/^\d+$/.test(id)) {
		throw new InvalidIdError(
			`"${field}" is a bare number (${id}). The API needs the full id, including its "user:" prefix, not the raw MiniMax id.${hint}`,
		);
	}
	if (/\s|\//.test(id))
		throw new InvalidIdError(`"${field}" contains spaces or "/", which no id has.${hint}`);
	const bad = badCharacter(id);
	if (bad) throw new InvalidIdError(`"${field}" contains ${bad}, which no useapi id has.${hint}`);
	if (kind === 'agent') {
		if (kindOfId(id) !== 'agent' || !AGENT_ID.test(id))
			throw new InvalidIdError(`"${field}" is not an agent job id.${hint}`);
		return id;
	}
	if (!id.startsWith('user:')) {
		throw new InvalidIdError(`"${field}" must start with "user:" (got "${id}").${hint}`);
	}
	if (!USEAPI_ID.test(id)) {
		throw new InvalidIdError(
			`"${field}" is not a valid useapi id (got "${id}"); the form is user:<number>-minimax:<account>-<kind>:<id>.${hint}`,
		);
	}
	if (kind !== 'any' && kindOfId(id) !== kind) {
		throw new InvalidIdError(
			`"${field}" is not ${KIND_NAMES[kind] ?? `a ${kind}`} id (got "${id}").${hint}`,
		);
	}
	return id;
}

/** A hailuoai.video account (its numeric MiniMax user id): digits only, since it goes into paths. */
export function checkAccount(value: unknown, field = 'Account'): string {
	const account = textOf(value, field);
	if (!account) throw new InvalidIdError(`"${field}" is empty.`);
	if (!ACCOUNT.test(account)) {
		throw new InvalidIdError(
			`"${field}" is not a valid account id (got "${account.slice(0, 60)}"): accounts are the numeric MiniMax user id, e.g. 987654321.`,
		);
	}
	return account;
}

/**
 * Last line of defence in the transport: a path made only of `/`-separated segments of the id
 * alphabet, no `.`/`..` segments. Anything else is refused before a request is sent.
 */
export function isSafePath(path: string): boolean {
	if (!/^(\/[A-Za-z0-9:_.-]+)+\/?$/.test(path) && path !== '/') return false;
	return !path.split('/').some((segment) => segment === '.' || segment === '..');
}
