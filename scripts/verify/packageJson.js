'use strict';
// package.json: no-monorepo, what provenance verification needs (repository at a GitHub repo root,
// bugs, homepage), the scanner's valid-author (email), and no install-time scripts (threat rules).
const INSTALL_SCRIPTS = [
	'preinstall',
	'install',
	'postinstall',
	'prepare',
	'preprepare',
	'postprepare',
	'prepublish',
];
const GITHUB_REPO =
	/^(?:git\+)?https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?$/;

function checkPackageJson(pkg) {
	const out = [];
	const err = (rule, message) => out.push({ rule, severity: 'error', message });
	const repo = pkg.repository;
	const repoUrl = typeof repo === 'string' ? repo : repo?.url;
	if (repo && typeof repo === 'object' && repo.directory !== undefined) {
		err(
			'no-monorepo',
			`repository.directory "${repo.directory}" is set: the package must sit at the repository root`,
		);
	}
	const m = typeof repoUrl === 'string' ? GITHUB_REPO.exec(repoUrl) : null;
	if (!m)
		err(
			'repository',
			`repository.url must be a public GitHub repository URL (got ${JSON.stringify(repoUrl)}): the scanner fetches the attested source from GitHub`,
		);
	if (repo && typeof repo === 'object' && repo.type !== 'git')
		err('repository', 'repository.type must be "git"');
	const slug = m ? `github.com/${m[1]}/${m[2]}` : null;
	const bugs = typeof pkg.bugs === 'string' ? pkg.bugs : pkg.bugs?.url;
	if (typeof bugs !== 'string' || !/^https:\/\//.test(bugs))
		err('bugs', 'bugs.url must be an https URL');
	else if (slug && !bugs.includes(`${slug}/issues`))
		err('bugs', `bugs.url should be https://${slug}/issues`);
	if (typeof pkg.homepage !== 'string' || !/^https:\/\//.test(pkg.homepage))
		err('homepage', 'homepage must be an https URL');
	else if (slug && !pkg.homepage.includes(slug))
		err('homepage', `homepage should point at https://${slug}`);
	const author = pkg.author;
	if (
		!author ||
		typeof author !== 'object' ||
		!author.name ||
		!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(author.email ?? '')
	) {
		err(
			'valid-author',
			"author must be an object with a name and an email (the scanner's plugin checks it)",
		);
	}
	for (const s of INSTALL_SCRIPTS) {
		if (pkg.scripts && pkg.scripts[s] !== undefined)
			err('no-install-scripts', `scripts.${s} runs on install: not allowed in a community package`);
	}
	if (pkg.overrides !== undefined) err('no-overrides-field', 'package.json has an overrides field');
	if (pkg.dependencies && Object.keys(pkg.dependencies).length)
		err(
			'no-runtime-dependencies',
			`runtime dependencies: ${Object.keys(pkg.dependencies).join(', ')}`,
		);
	return out;
}

module.exports = { checkPackageJson, INSTALL_SCRIPTS };
