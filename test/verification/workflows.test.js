'use strict';
// GitHub Actions cannot run here, so the workflow files are checked for what publishing with provenance needs.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const root = path.resolve(__dirname, '../..');
const load = (name) => {
	const doc = YAML.parseDocument(
		fs.readFileSync(path.join(root, '.github/workflows', name), 'utf8'),
	);
	expect(doc.errors).toEqual([]);
	return doc.toJS();
};
const runs = (job) => job.steps.map((s) => s.run ?? '').join('\n');
const uses = (job) => job.steps.map((s) => s.uses).filter(Boolean);

describe('.github/workflows/ci.yml', () => {
	const ci = load('ci.yml');
	const job = ci.jobs.test;

	it('runs on pull requests and pushes to main', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(ci.on.push.branches).toEqual(['main']);
	});

	it('tests on Node 20 and 22 with setup-node taking the matrix version', () => {
		expect(job['runs-on']).toBe('ubuntu-latest');
		expect(job.strategy.matrix['node-version']).toEqual(['20', '22']);
		const setup = job.steps.find((s) => String(s.uses).startsWith('actions/setup-node@'));
		expect(setup.with['node-version']).toBe('${{ matrix.node-version }}');
	});

	it('installs with npm ci, then lints, builds, tests and runs the verification check in that order', () => {
		const order = ['npm ci', 'npm run lint', 'npm run build', 'npm test', 'npm run verify'].map(
			(c) => runs(job).indexOf(c),
		);
		expect(order.every((i) => i >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(uses(job)[0]).toMatch(/^actions\/checkout@v\d+$/);
	});
});

describe('.github/workflows/publish.yml', () => {
	const pub = load('publish.yml');
	const job = pub.jobs.publish;

	it('runs only on version tags', () => {
		expect(Object.keys(pub.on)).toEqual(['push']);
		expect(pub.on.push.tags).toEqual(['v*.*.*']);
		expect(pub.on.push.branches).toBeUndefined();
	});

	it('may mint an OIDC token (id-token: write) and only read the repository', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(pub.permissions).toEqual({ contents: 'read' });
	});

	it('publishes with provenance and public access to the npm registry, after lint, tests and the check', () => {
		const setup = job.steps.find((s) => String(s.uses).startsWith('actions/setup-node@'));
		expect(setup.with['registry-url']).toBe('https://registry.npmjs.org');
		const text = runs(job);
		expect(text).toMatch(/^npm publish --provenance --access public$/m);
		const order = ['npm ci', 'npm run lint', 'npm test', 'npm run verify', 'npm publish'].map((c) =>
			text.indexOf(c),
		);
		expect(order.every((i) => i >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		const publish = job.steps.find((s) => /npm publish/.test(s.run ?? ''));
		expect(publish.env.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
	});

	it('refuses a tag that does not match the package.json version', () => {
		expect(runs(job)).toMatch(/GITHUB_REF_NAME.*!= "v\$\{version\}"/);
	});

	it('every workflow pins its actions to a major version', () => {
		for (const name of fs.readdirSync(path.join(root, '.github/workflows'))) {
			for (const j of Object.values(load(name).jobs))
				for (const u of uses(j)) expect(u).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
		}
	});
});
