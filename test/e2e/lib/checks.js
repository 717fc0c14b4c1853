'use strict';
// One line per check, then exactly "N passed, N failed". Scoped views share one tally.

class Checks {
	constructor(prefix = '', tally = { passed: 0, failed: 0, failures: [] }) {
		this.prefix = prefix;
		this.tally = tally;
	}

	scoped(prefix) {
		return new Checks(prefix, this.tally);
	}

	/** Records one check; `detail` is printed after the name (why it failed, or what was measured). */
	ok(name, condition, detail = '') {
		const label = this.prefix ? `[${this.prefix}] ${name}` : name;
		const pass = Boolean(condition);
		if (pass) this.tally.passed += 1;
		else {
			this.tally.failed += 1;
			this.tally.failures.push(label);
		}
		console.log(`${pass ? 'PASS' : 'FAIL'} ${label}${detail ? ` — ${detail}` : ''}`);
		return pass;
	}

	/** Runs fn; a throw counts as one failed check named `name`. Returns fn's value or undefined. */
	async step(name, fn) {
		try {
			return await fn();
		} catch (err) {
			this.ok(name, false, err && err.message ? err.message.split('\n')[0] : String(err));
			return undefined;
		}
	}

	get failed() {
		return this.tally.failed;
	}

	summary() {
		return `${this.tally.passed} passed, ${this.tally.failed} failed`;
	}
}

module.exports = { Checks };
