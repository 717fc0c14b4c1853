'use strict';
// Rules on node descriptions, read from the built classes (so spreads and helper-made fields count):
// hint-max-length (every property, nested options too), open-ended-node-fields and
// non-required-fields-in-collection (top-level properties), single-credential-per-node.
const HINT_MAX = 120;
const EXEMPT_TYPES = new Set([
	'collection',
	'fixedCollection',
	'notice',
	'callout',
	'hidden',
	'curlImport',
]);
const EXEMPT_NAMES = new Set(['resource', 'operation', 'authentication']);

/** Whether a displayOptions '@version' condition list admits `version` (numbers or {_cnd: {...}}). */
function versionMatches(list, version) {
	return list.some((v) => {
		if (typeof v === 'number') return v === version;
		const c = v && v._cnd;
		if (!c) return false;
		const [op, x] = Object.entries(c)[0] ?? [];
		if (op === 'eq') return version === x;
		if (op === 'not') return version !== x;
		if (op === 'gte') return version >= x;
		if (op === 'lte') return version <= x;
		if (op === 'gt') return version > x;
		if (op === 'lt') return version < x;
		if (op === 'between') return version >= x.from && version <= x.to;
		return true;
	});
}

/** False for a property that n8n never shows on `version` (kept only for older saved workflows). */
function shownOnVersion(p, version) {
	if (version === undefined) return true;
	const show = p.displayOptions?.show?.['@version'];
	const hide = p.displayOptions?.hide?.['@version'];
	if (Array.isArray(show) && !versionMatches(show, version)) return false;
	if (Array.isArray(hide) && versionMatches(hide, version)) return false;
	return true;
}

/** The version a new node gets: defaultVersion, else the highest of `version`. */
function currentVersion(description) {
	if (typeof description.defaultVersion === 'number') return description.defaultVersion;
	return Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
}

/** Every property with its path: top level, collection options and fixedCollection values. */
function* walk(properties, prefix = '', version) {
	for (const p of properties ?? []) {
		if (!p || typeof p !== 'object' || !shownOnVersion(p, version)) continue;
		const where = `${prefix}${p.name}`;
		yield { p, where, topLevel: prefix === '' };
		if (!Array.isArray(p.options)) continue;
		if (p.type === 'collection') yield* walk(p.options, `${where}.`, version);
		if (p.type === 'fixedCollection')
			for (const group of p.options) yield* walk(group.values, `${where}.${group.name}.`, version);
	}
}

function checkProperties(properties, version) {
	const out = [];
	for (const { p, where, topLevel } of walk(properties, '', version)) {
		if (typeof p.hint === 'string' && p.hint.length > HINT_MAX) {
			out.push({
				rule: 'hint-max-length',
				severity: 'warn',
				field: where,
				message: `${where}: hint is ${p.hint.length} characters (max ${HINT_MAX}); move the text to description`,
			});
		}
		if (!topLevel) continue;
		if (p.type === 'json' && p.required !== true) {
			out.push({
				rule: 'open-ended-node-fields',
				severity: 'warn',
				field: where,
				message: `${where}: top-level json field without required: true`,
			});
		}
		if (!EXEMPT_TYPES.has(p.type) && !EXEMPT_NAMES.has(p.name) && p.required !== true) {
			out.push({
				rule: 'non-required-fields-in-collection',
				severity: 'warn',
				field: where,
				message: `${where} (${p.type}): top-level field without required: true; put it in an Options collection`,
			});
		}
	}
	return out;
}

/** Two credentials are fine only when each pair is shown for disjoint values of one non-multiOptions property. */
function checkCredentials(description) {
	const creds = description.credentials ?? [];
	if (creds.length < 2) return [];
	const types = new Map((description.properties ?? []).map((p) => [p.name, p.type]));
	const out = [];
	for (let i = 0; i < creds.length; i++) {
		for (let j = i + 1; j < creds.length; j++) {
			const a = creds[i].displayOptions?.show ?? {};
			const b = creds[j].displayOptions?.show ?? {};
			const exclusive = Object.keys(a).some(
				(k) =>
					k in b &&
					types.get(k) !== 'multiOptions' &&
					Array.isArray(a[k]) &&
					Array.isArray(b[k]) &&
					!a[k].some((v) => b[k].includes(v)),
			);
			if (!exclusive) {
				out.push({
					rule: 'single-credential-per-node',
					severity: 'error',
					message: `credentials ${creds[i].name} and ${creds[j].name} are not mutually exclusive by displayOptions.show`,
				});
			}
		}
	}
	return out;
}

/** Checks the layout n8n shows for the node's current version (older versions' fields are exempt). */
function checkDescription(description) {
	return [
		...checkProperties(description.properties, currentVersion(description)),
		...checkCredentials(description),
	];
}

module.exports = {
	checkDescription,
	checkProperties,
	checkCredentials,
	walk,
	versionMatches,
	currentVersion,
	HINT_MAX,
};
