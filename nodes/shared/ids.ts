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

const KIND_NAMES: Partial<Record<JobKind, string>> = { image: 'an image', speech: 'a speech (audio)', agent: 'an agent job' };

/**
 * Checks a useapi id before it goes into a path. Ids contain ':' and must be sent raw, so an
 * encoded id is refused rather than decoded silently: it usually means a copy from a URL.
 */
export function checkId(value: unknown, field: string, kind: JobKind | 'any' = 'any'): string {
	const id = String(value ?? '').trim();
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
	if (/\s|\//.test(id)) throw new InvalidIdError(`"${field}" contains spaces or "/", which no id has.${hint}`);
	if (kind === 'agent') {
		if (kindOfId(id) !== 'agent') throw new InvalidIdError(`"${field}" is not an agent job id.${hint}`);
		return id;
	}
	if (!id.startsWith('user:')) {
		throw new InvalidIdError(`"${field}" must start with "user:" (got "${id}").${hint}`);
	}
	if (kind !== 'any' && kindOfId(id) !== kind) {
		throw new InvalidIdError(`"${field}" is not ${KIND_NAMES[kind] ?? `a ${kind}`} id (got "${id}").${hint}`);
	}
	return id;
}
