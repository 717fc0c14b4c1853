'use strict';
// Pack the package as npm would publish it and unpack it where n8n looks for community nodes.
const fs = require('fs');
const path = require('path');
const { run } = require('./procs');

const REPO = path.resolve(__dirname, '..', '..', '..');
const manifest = () => JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));

/** `npm pack` of the repo (the built dist/) into dir → tarball path. */
async function pack(dir) {
	const res = await run('npm', ['pack', '--pack-destination', dir, '--json', '--silent'], {
		cwd: REPO,
		detached: false,
		timeoutMs: 120000,
	});
	if (res.code !== 0) throw new Error(`npm pack failed: ${res.out.slice(-500)}`);
	const info = JSON.parse(res.out.slice(res.out.indexOf('[')));
	return path.join(dir, info[0].filename);
}

/** The class a built dist file exports and the type name it declares; a guess from the file name if it does not load. */
function declared(file, kind) {
	try {
		const mod = require(path.join(REPO, file));
		for (const Exported of Object.values(mod)) {
			if (typeof Exported !== 'function') continue;
			const instance = new Exported();
			const name =
				kind === 'node' ? instance.description && instance.description.name : instance.name;
			if (name) return { name, Class: Exported };
		}
	} catch {
		// not built yet: fall through to the file name
	}
	const base = path.basename(file).replace(/\.(node|credentials)\.js$/, '');
	return { name: base.charAt(0).toLowerCase() + base.slice(1) };
}

/** What the repo's package.json promises: node types (prefixed) and credential names. */
function expectedTypes() {
	const pkg = manifest();
	return {
		name: pkg.name,
		nodes: pkg.n8n.nodes.map((f) => {
			const { name, Class } = declared(f, 'node');
			return { file: f, type: `${pkg.name}.${name}`, Class };
		}),
		credentials: pkg.n8n.credentials.map((f) => ({
			file: f,
			name: declared(f, 'credential').name,
		})),
	};
}

/** Deliberate breakages for --self-test-broken, applied to an unpacked copy. */
const BREAKAGES = {
	'auth-header': {
		what: 'credential sends "X-Authorization" instead of "Authorization"',
		apply(dir) {
			const file = path.join(dir, 'dist', 'credentials', 'UseApiMinimaxApi.credentials.js');
			const text = fs.readFileSync(file, 'utf8');
			if (!/\bAuthorization:/.test(text)) throw new Error('no Authorization header found to break');
			// Quoted, so the file still loads: only the header name is wrong.
			fs.writeFileSync(file, text.replace(/\bAuthorization:/g, "'X-Authorization':"));
		},
	},
	'node-missing': {
		what: 'n8n.nodes block leaves out MinimaxGenerate',
		apply(dir) {
			const file = path.join(dir, 'package.json');
			const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
			pkg.n8n.nodes = pkg.n8n.nodes.filter((f) => !/MinimaxGenerate\.node\.js$/.test(f));
			fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
		},
	},
};

/**
 * Unpacks into <userFolder>/.n8n/nodes/node_modules/<name>. Files the n8n block names but the
 * tarball lacks are reported and dropped from the copy, so n8n can still load the rest.
 */
async function install(tarball, userFolder, breakage) {
	const name = manifest().name;
	const dir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', name);
	fs.mkdirSync(dir, { recursive: true });
	const res = await run('tar', ['xzf', tarball, '-C', dir, '--strip-components=1'], {
		detached: false,
	});
	if (res.code !== 0) throw new Error(`tar failed: ${res.out}`);
	if (breakage) BREAKAGES[breakage].apply(dir);
	const pkgFile = path.join(dir, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter(
		(f) => !fs.existsSync(path.join(dir, f)),
	);
	if (missing.length) {
		pkg.n8n.nodes = pkg.n8n.nodes.filter((f) => !missing.includes(f));
		pkg.n8n.credentials = pkg.n8n.credentials.filter((f) => !missing.includes(f));
		fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
	}
	return { dir, missing, packed: pkg };
}

module.exports = { REPO, pack, expectedTypes, install, BREAKAGES };
