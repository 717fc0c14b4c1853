'use strict';
// Simulator state: accounts, jobs (life cycle computed from the clock on every read), files, stats.
const { makeId, makeAgentId, parseId } = require('./util');
const { IMAGE_PNG } = require('./media');

const FINAL_LABEL = {
	2: 'completed',
	3: 'failed',
	5: 'moderated',
	7: 'moderated',
	14: 'moderated',
};
const RUN_LABEL = { 0: 'pending', 1: 'processing', 11: 'queued', 12: 'processing' };

class Job {
	constructor(fields) {
		Object.assign(
			this,
			{
				replyUrl: undefined,
				replyRef: undefined,
				cancelledAt: undefined,
				deleted: false,
				removed: false,
				untracked: false,
				outcome: 2,
				wakers: [],
			},
			fields,
		);
	}

	/** The job's clock: now, or the moment a view of it was taken for (see `at()`). */
	now() {
		return this.viewAt !== undefined ? this.viewAt : Date.now();
	}

	/** The job as it was at `t` (a late progress callback still reports its own moment). */
	at(t) {
		const view = Object.create(this);
		view.viewAt = t;
		return view;
	}

	/** ms epoch when the job became final, or undefined while it runs. */
	get finalAt() {
		if (this.cancelledAt !== undefined && this.cancelledAt <= this.now()) return this.cancelledAt;
		const end = this.createdAt + this.ms;
		return this.now() >= end ? end : undefined;
	}

	get final() {
		return this.finalAt !== undefined;
	}

	/** Progress 0..1 of the compressed clock. */
	get fraction() {
		return Math.min(1, Math.max(0, (this.now() - this.createdAt) / Math.max(1, this.ms)));
	}

	/** Numeric MiniMax status for videos/images, string status for agent jobs. */
	get status() {
		if (this.kind === 'agent')
			return this.final ? (this.cancelledAt !== undefined ? 'failed' : this.outcome) : 'started';
		if (this.final) return this.cancelledAt !== undefined ? 3 : this.outcome;
		const f = this.fraction;
		return f < 0.1 ? 0 : f < 0.25 ? 11 : f < 0.6 ? 1 : 12;
	}

	get statusLabel() {
		const s = this.status;
		return typeof s === 'string' ? s : FINAL_LABEL[s] || RUN_LABEL[s];
	}

	/** Plain snapshot (getters included) for JSON.stringify / spreading by callers. */
	toJSON() {
		const { timers, request, refs, ...own } = this;
		delete own.wakers;
		return {
			...own,
			request,
			refs: refs && refs.map((r) => r.fileID),
			timerCount: timers ? timers.length : 0,
			status: this.status,
			statusLabel: this.statusLabel,
			finalAt: this.finalAt,
			final: this.final,
		};
	}

	get percent() {
		if (this.final) return this.status === 2 ? 100 : 0;
		const f = this.fraction;
		return f < 0.25 ? 0 : Math.min(99, Math.floor(((f - 0.25) / 0.75) * 100));
	}
}

function normalizeAccount(a) {
	return {
		account: String(a.account),
		maxJobs: a.maxJobs === undefined ? 3 : Number(a.maxJobs),
		paid: a.paid === undefined ? true : !!a.paid,
		queueLimit:
			a.queueLimit === undefined || a.queueLimit === null ? undefined : Number(a.queueLimit),
		outOfCredits: !!a.outOfCredits,
		onHold: !!a.onHold,
		onHoldAfterCreates:
			a.onHoldAfterCreates === undefined || a.onHoldAfterCreates === null
				? undefined
				: Number(a.onHoldAfterCreates),
		// MiniMax Audio (speech, music): the plan, its credit, speech jobs at once ([inferred] 3), clone slots.
		supportAudio: a.supportAudio === undefined ? true : !!a.supportAudio,
		audioOutOfCredits: !!a.audioOutOfCredits,
		speechSlots: a.speechSlots === undefined ? 3 : Number(a.speechSlots),
		cloneSlots: a.cloneSlots === undefined ? 3 : Number(a.cloneSlots),
		creates: 0,
	};
}

function freshStats() {
	return {
		creates: { video: 0, image: 0, agent: 0, template: 0 },
		jobs: { video: 0, image: 0, agent: 0 },
		duplicateCreates: 0,
		faults: {},
		rejected: {},
		maxConcurrentByAccount: {},
		overCapacity: 0,
		callbacksSent: 0,
		callbacksFailed: 0,
		requests: 0,
		cdnRequests: 0,
	};
}

class State {
	constructor(opts) {
		this.token = opts.token;
		const m = /^user:(\d+)-/.exec(opts.token);
		this.uid = m ? m[1] : '1234';
		this.accounts = new Map();
		for (const a of opts.accounts) this.accounts.set(String(a.account), normalizeAccount(a));
		this.jobs = new Map();
		this.byRaw = new Map(); // raw MiniMax id -> job, for /cdn lookups
		this.files = new Map();
		this.characters = new Map();
		this.replyRefs = new Set();
		this.stats = freshStats();
		this.base = ''; // set once the server listens
		for (const acct of this.accounts.keys()) this.seedCharacters(acct);
	}

	// Two "My Characters" per account; their fileIDs are real uploaded-looking files.
	seedCharacters(acct) {
		const list = [];
		for (let i = 1; i <= 2; i++) {
			const raw = `77${acct.padStart(9, '0').slice(-9)}000000${i}`.slice(0, 18);
			const fileID = makeId(this.uid, acct, 'file', raw);
			this.files.set(fileID, {
				fileID,
				account: acct,
				mime: 'image/png',
				ext: 'png',
				data: IMAGE_PNG,
				name: `character${i}.png`,
				createdAt: Date.now(),
				character: true,
			});
			list.push({ characterID: `12345678${i}${acct.slice(-1)}`, characterType: 1, fileID });
		}
		this.characters.set(acct, list);
	}

	resetJobs() {
		this.jobs.clear();
		this.byRaw.clear();
		this.replyRefs.clear();
		this.stats = freshStats();
		for (const a of this.accounts.values()) a.creates = 0;
	}

	addAccount(a) {
		const acct = normalizeAccount(a);
		this.accounts.set(acct.account, acct);
		if (!this.characters.has(acct.account)) this.seedCharacters(acct.account);
		return acct;
	}

	/** Video jobs still running and tracked by the scheduler on one account. */
	runningVideos(account) {
		const out = [];
		for (const j of this.jobs.values())
			if (j.kind === 'video' && j.account === account && !j.untracked && !j.final) out.push(j);
		return out;
	}

	runningAgents(account) {
		const out = [];
		for (const j of this.jobs.values())
			if (j.kind === 'agent' && j.account === account && !j.final) out.push(j);
		return out;
	}

	/** Called after every accepted create: counters, duplicates, concurrency watermark, hold-after-n. */
	noteCreate(kindKey, account, replyRef, limit) {
		this.stats.creates[kindKey] += 1;
		if (replyRef) {
			const key = `${kindKey}\u0000${replyRef}`;
			if (this.replyRefs.has(key)) this.stats.duplicateCreates += 1;
			this.replyRefs.add(key);
		}
		if (kindKey === 'video' || kindKey === 'template') {
			const running = this.runningVideos(account).length;
			const mc = this.stats.maxConcurrentByAccount;
			mc[account] = Math.max(mc[account] || 0, running);
			if (running > limit) this.stats.overCapacity += 1;
		}
		const acct = this.accounts.get(account);
		if (acct) {
			acct.creates += 1;
			if (acct.onHoldAfterCreates !== undefined && acct.creates >= acct.onHoldAfterCreates)
				acct.onHold = true;
		}
	}

	newJob(kind, account, fields) {
		const id = kind === 'agent' ? makeAgentId(this.uid, account) : makeId(this.uid, account, kind);
		const acct = this.accounts.get(account);
		const job = new Job({
			id,
			kind,
			account,
			uid: this.uid,
			raw: kind === 'agent' ? id.slice(1, 10) : parseId(id).raw,
			paid: acct ? acct.paid : true,
			createdAt: Date.now(),
			...fields,
		});
		this.jobs.set(id, job);
		this.byRaw.set(job.raw, job);
		this.stats.jobs[kind] += 1;
		return job;
	}

	addFile(account, mime, data, name) {
		const ext = {
			'image/png': 'png',
			'image/jpeg': 'jpeg',
			'audio/mpeg': 'mp3',
			'audio/wav': 'wav',
			'video/mp4': 'mp4',
		}[mime];
		const fileID = makeId(this.uid, account, 'file');
		const file = {
			fileID,
			account,
			mime,
			ext,
			data,
			name: name || `upload.${ext}`,
			createdAt: Date.now(),
		};
		this.files.set(fileID, file);
		return file;
	}

	fileUrl(file) {
		return `${this.base}/cdn/files/${parseId(file.fileID).raw}.${file.ext}`;
	}
}

module.exports = { State, Job, FINAL_LABEL };
