import { createHash, timingSafeEqual } from 'crypto';

/** Compares in constant time: both sides are hashed first, so lengths never leak either. */
export function secretMatches(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || !given || !expected) return false;
	const a = createHash('sha256').update(given).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}
