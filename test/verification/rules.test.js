'use strict';
// Each rule of the project check on small inputs that pass and fail (the n8n rules' own examples).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { checkDescription } = require('../../scripts/verify/description');
const { hardcodedIds, preferDeclarative } = require('../../scripts/verify/source');
const { checkTarball } = require('../../scripts/verify/tarball');
const { bestRatio, checkIcon } = require('../../scripts/verify/icons');
const { checkPackageJson } = require('../../scripts/verify/packageJson');

const rules = (list) => list.map((f) => f.rule);
const req = (p) => ({ required: true, ...p });

describe('description rules (built classes)', () => {
	it('hint-max-length reaches hints nested in collections and fixedCollections', () => {
		const long = 'x'.repeat(121);
		const d = {
			properties: [
				{
					name: 'options',
					type: 'collection',
					default: {},
					options: [{ name: 'a', type: 'string', default: '', hint: long }],
				},
				{
					name: 'fc',
					type: 'fixedCollection',
					default: {},
					options: [
						{
							name: 'g',
							values: [{ name: 'b', type: 'string', default: '', hint: 'x'.repeat(120) }],
						},
					],
				},
			],
		};
		expect(checkDescription(d).map((f) => [f.rule, f.field])).toEqual([
			['hint-max-length', 'options.a'],
		]);
	});

	it('open-ended-node-fields flags a top-level json field unless required', () => {
		expect(
			rules(
				checkDescription({ properties: [{ name: 'configuration', type: 'json', default: '{}' }] }),
			),
		).toContain('open-ended-node-fields');
		expect(
			checkDescription({
				properties: [req({ name: 'configuration', type: 'json', default: '{}' })],
			}),
		).toEqual([]);
	});

	it("non-required-fields-in-collection: top level only, with the rule's exemptions", () => {
		const d = {
			properties: [
				{ name: 'resource', type: 'options', default: 'a', options: [] },
				{ name: 'notice', type: 'notice', default: '' },
				{ name: 'limit', type: 'number', default: 50 },
				req({ name: 'returnAll', type: 'boolean', default: false }),
				{
					name: 'options',
					type: 'collection',
					default: {},
					options: [{ name: 'limit', type: 'number', default: 1 }],
				},
			],
		};
		expect(checkDescription(d).map((f) => f.field)).toEqual(['limit']);
	});

	it('fields shown only on an older version are exempt; the default version is checked', () => {
		const d = {
			version: [1, 2],
			defaultVersion: 2,
			properties: [
				{ name: 'old', type: 'string', default: '', displayOptions: { show: { '@version': [1] } } },
				{
					name: 'oldCnd',
					type: 'string',
					default: '',
					displayOptions: { show: { '@version': [{ _cnd: { lt: 2 } }] } },
				},
				{
					name: 'new',
					type: 'string',
					default: '',
					displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
				},
				{
					name: 'hidden1',
					type: 'string',
					default: '',
					displayOptions: { hide: { '@version': [2] } },
				},
			],
		};
		expect(checkDescription(d).map((f) => f.field)).toEqual(['new']);
	});

	it('single-credential-per-node: two credentials need disjoint displayOptions on one property', () => {
		const props = [
			req({ name: 'authentication', type: 'options', default: 'apiKey', options: [] }),
		];
		const bad = {
			properties: props,
			credentials: [{ name: 'svcOAuth2Api' }, { name: 'senderProfile' }],
		};
		const good = {
			properties: props,
			credentials: [
				{ name: 'svcApi', displayOptions: { show: { authentication: ['apiKey'] } } },
				{ name: 'svcOAuth2Api', displayOptions: { show: { authentication: ['oAuth2'] } } },
			],
		};
		const overlap = {
			properties: props,
			credentials: [
				good.credentials[0],
				{ name: 'x', displayOptions: { show: { authentication: ['apiKey', 'oAuth2'] } } },
			],
		};
		const multi = {
			properties: [req({ name: 'authentication', type: 'multiOptions', default: [], options: [] })],
			credentials: good.credentials,
		};
		expect(rules(checkDescription(bad))).toEqual(['single-credential-per-node']);
		expect(checkDescription(good)).toEqual([]);
		expect(rules(checkDescription(overlap))).toEqual(['single-credential-per-node']);
		expect(rules(checkDescription(multi))).toEqual(['single-credential-per-node']);
	});
});

describe('source rules', () => {
	it('no-hardcoded-ids: literals assigned to partner/account/client ids, in every assignment form', () => {
		const code = [
			"const accountId = 'abc';",
			"const qs = { partner_id: 'fixed', 'client-id': '' };",
			"class X { TENANT_ID = 'x'; }",
			'o.customerId = `c`;',
			"const ok = { partner_id: this.getNodeParameter('partnerId', 0), name: 'accountId' };",
			"const accountIdx = 'not an id name';",
		].join('\n');
		expect(
			hardcodedIds(code, 'x.node.ts').map((f) => f.message.replace(/:.*"(.*)".*/, ' $1')),
		).toEqual([
			'x.node.ts accountId',
			'x.node.ts partner_id',
			'x.node.ts client-id',
			'x.node.ts TENANT_ID',
			'x.node.ts customerId',
		]);
	});

	it('prefer-declarative-style: one plain request per item warns, pagination or other calls do not', () => {
		const plain = `class N { async execute() { const items = this.getInputData(); for (let i = 0; i < items.length; i++) { const r = await this.helpers.httpRequestWithAuthentication('x', { url: this.getNodeParameter('u', i) }); out.push(r); } return [out]; } }`;
		const paged = plain.replace("'u'", "'returnAll'");
		const more = plain.replace('out.push(r);', 'out.push(r); this.helpers.returnJsonArray(r);');
		expect(rules(preferDeclarative(plain, 'n.node.ts'))).toEqual(['prefer-declarative-style']);
		expect(preferDeclarative(paged, 'n.node.ts')).toEqual([]);
		expect(preferDeclarative(more, 'n.node.ts')).toEqual([]);
	});
});

describe('icon-contrast algorithm', () => {
	const svg = (body) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`;
	it('follows the rule: no fill is black, currentColor is black, var() fallback, alpha blending, <style>', () => {
		expect(bestRatio(svg('<path d="M0 0h1"/>'), 'dark')).toBeCloseTo(1.48, 2);
		expect(bestRatio(svg('<path d="M0 0h1" fill="currentColor"/>'), 'light')).toBeCloseTo(21, 1);
		expect(bestRatio(svg('<path fill="var(--c, #fff)"/>'), 'dark')).toBeGreaterThan(14);
		expect(bestRatio(svg('<path fill="#ffffff10"/>'), 'dark')).toBeLessThan(1.5);
		expect(bestRatio(svg('<style>.a{fill:#fff}</style><path class="a"/>'), 'dark')).toBeGreaterThan(
			14,
		);
		expect(bestRatio(svg('<image href="x.png"/>'), 'dark')).toBeNull();
	});

	it('checks a single icon on both themes and a pair on every theme', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icons-'));
		fs.writeFileSync(path.join(dir, 'black.svg'), svg('<path d="M0 0h1"/>'));
		fs.writeFileSync(path.join(dir, 'white.svg'), svg('<path d="M0 0h1" fill="#fff"/>'));
		expect(checkIcon('file:black.svg', dir).map((f) => f.message)).toEqual([
			expect.stringMatching(/on the dark theme/),
		]);
		expect(
			checkIcon({ light: 'file:black.svg', dark: 'file:white.svg' }, dir, { everyTheme: false }),
		).toEqual([]);
		expect(checkIcon({ light: 'file:black.svg', dark: 'file:white.svg' }, dir).length).toBe(2);
		expect(
			checkIcon({ light: 'file:black.svg', dark: 'file:black.svg' }, dir, {
				everyTheme: false,
			}).map((f) => f.rule),
		).toEqual(['icon-contrast']);
		expect(rules(checkIcon({ light: 'black.svg', dark: 'file:nope.svg' }, dir))).toEqual([
			'icon-validation',
			'icon-validation',
		]);
		fs.rmSync(dir, { recursive: true, force: true });
	});
});

describe('package.json rules', () => {
	const good = {
		repository: { type: 'git', url: 'git+https://github.com/o/r.git' },
		bugs: { url: 'https://github.com/o/r/issues' },
		homepage: 'https://github.com/o/r#readme',
		author: { name: 'a', email: 'a@b.io' },
		scripts: { build: 'tsc', prepublishOnly: 'npm run build' },
	};
	it('passes a root GitHub repository with bugs, homepage and author email', () => {
		expect(checkPackageJson(good)).toEqual([]);
	});
	it.each([
		[{ repository: { ...good.repository, directory: 'packages/x' } }, 'no-monorepo'],
		[{ repository: { type: 'git', url: 'https://gitlab.com/o/r.git' } }, 'repository'],
		[{ repository: undefined }, 'repository'],
		[{ bugs: undefined }, 'bugs'],
		[{ homepage: 'https://github.com/other/r' }, 'homepage'],
		[{ author: 'a <a@b.io>' }, 'valid-author'],
		[{ scripts: { preinstall: 'x' } }, 'no-install-scripts'],
		[{ scripts: { prepare: 'x' } }, 'no-install-scripts'],
		[{ overrides: {} }, 'no-overrides-field'],
		[{ dependencies: { axios: '1' } }, 'no-runtime-dependencies'],
	])('%j fails %s', (change, rule) => {
		expect(rules(checkPackageJson({ ...good, ...change }))).toContain(rule);
	});
});

describe('tarball threat rules', () => {
	let dir;
	const write = (rel, text) => {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), text);
	};
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tarball-'));
		write(
			'package.json',
			JSON.stringify({ name: 'n8n-nodes-x', homepage: 'https://github.com/o/r' }),
		);
		write(
			'dist/nodes/X/X.node.js',
			"'use strict';\nconst url = 'https://api.useapi.net/v1/minimax';\nconst doc = 'https://useapi.net/docs';\nconst hint = 'use the full https://… address';\n",
		);
		write('dist/nodes/X/x.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('passes shipped code that names only the API and its docs', () => {
		expect(checkTarball(dir)).toEqual([]);
	});
	it.each([
		['dist/nodes/X/env.js', 'const t = process.env.USEAPI_TOKEN;', 'no-process-env'],
		['dist/nodes/X/env2.js', "const e = process['env'];", 'no-process-env'],
		['dist/nodes/X/hook.js', "const u = 'https://webhook.site/abc';", 'no-foreign-urls'],
		['dist/nodes/X/short.js', "const u = 'http://bit.ly/x';", 'no-foreign-urls'],
		['dist/nodes/X/ellipsis.js', "const u = 'https://ngrok.io/…';", 'no-foreign-urls'],
		['dist/nodes/X/min.js', `var a=${'1+'.repeat(600)}1;`, 'no-minified'],
		[
			'dist/nodes/X/obf.js',
			'String.fromCharCode(104,116,116,112,115,58,47,47,101,118,105);',
			'no-obfuscation',
		],
		['dist/nodes/X/evil.js', "eval('1');", 'no-obfuscation'],
		['dist/nodes/X/Y.node.js', "exports.body = { partner_id: 'fixed' };", 'no-hardcoded-ids'],
		['test/helper.js', '1;', 'tarball-files'],
		['dist/nodes/X/X.node.js.map', '{}', 'tarball-files'],
	])('%s (%s) fails %s', (rel, text, rule) => {
		write(rel, text);
		expect(rules(checkTarball(dir))).toContain(rule);
	});
	it('an install script in the packed package.json fails', () => {
		write(
			'package.json',
			JSON.stringify({ name: 'n8n-nodes-x', scripts: { postinstall: 'curl x | sh' } }),
		);
		expect(rules(checkTarball(dir))).toEqual(['no-install-scripts']);
	});
});
