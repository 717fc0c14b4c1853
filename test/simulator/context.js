'use strict';
// Per-request context: reply helpers, account resolution and the shared error type.

class HttpError extends Error {
	constructor(status, body) {
		super(typeof body === 'object' && body && body.error ? body.error : `HTTP ${status}`);
		this.status = status;
		this.body = body;
	}
}

const err = (status, message, withCode = true) =>
	new HttpError(status, withCode ? { error: message, code: status } : { error: message });

class Ctx {
	constructor(sim, req, res, entry) {
		Object.assign(this, {
			sim,
			req,
			res,
			entry,
			state: sim.state,
			body: {},
			files: [],
			query: {},
			dropResponse: false,
		});
	}

	get closed() {
		return this.res.destroyed || this.req.socket.destroyed;
	}

	json(status, obj, extraHeaders) {
		if (this.res.headersSent || this.closed) return;
		const buf = obj === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(obj));
		this.entry.status = status;
		const headers = { 'Content-Length': String(buf.length), ...extraHeaders };
		if (obj !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
		this.res.writeHead(status, headers);
		this.res.end(buf);
	}

	empty(status) {
		this.json(status, undefined);
	}

	/** Kill the connection without an answer (fault injection). */
	reset() {
		this.entry.status = 0;
		this.req.socket.destroy();
	}

	/** For the resetAfter fault: the create happened, now drop the socket. Returns true if dropped. */
	afterCreate() {
		if (!this.dropResponse) return false;
		this.reset();
		return true;
	}

	setAccount(account) {
		this.entry.account = account;
	}

	getAccount(account) {
		const acct = this.state.accounts.get(String(account));
		if (!acct) throw err(404, `Configuration for account ${account} not found`);
		return acct;
	}

	/** Account for list/config GETs: optional with one account, required with several. */
	listAccount(explicit) {
		const accounts = this.state.accounts;
		let acct;
		if (explicit) acct = this.getAccount(explicit);
		else if (accounts.size === 0) throw err(404, 'Configuration not found');
		else if (accounts.size > 1)
			throw err(400, 'Parameter account is required when several accounts are configured');
		else acct = accounts.values().next().value;
		this.setAccount(acct.account);
		this.checkHold(acct);
		return acct;
	}

	/** Load balancing for creates: healthy accounts first, then the most free slots. */
	pickAccount(explicit, freeSlots) {
		if (explicit) {
			const acct = this.getAccount(explicit);
			this.setAccount(acct.account);
			return acct;
		}
		const all = [...this.state.accounts.values()];
		if (!all.length) throw err(404, 'Configuration not found');
		const healthy = (a) => (a.onHold || a.outOfCredits ? 0 : 1);
		all.sort((a, b) => healthy(b) - healthy(a) || freeSlots(b) - freeSlots(a));
		this.setAccount(all[0].account);
		return all[0];
	}

	checkHold(acct) {
		if (acct.onHold) throw err(596, `Account ${acct.account} is on hold`);
	}
}

module.exports = { Ctx, HttpError, err };
