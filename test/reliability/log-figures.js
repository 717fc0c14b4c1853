'use strict';
// Figures read from the simulator's request log: accepted creates, duplicates, retries, account use.
// The node's own tag parser, from the built package.
const { splitReplyRef } = require('../../dist/nodes/shared/replyRef');

const READS = new Set(['videos.get', 'scheduler.list', 'scheduler.available', 'accounts.get']);
const INJECTED = new Set(['429', '429queue', '502', '504', 'resetBefore', 'resetAfter']);

/** A create the simulator performed: it carries a jobId (resetAfter creates do too, then drop the socket). */
const accepted = (e) => e.op === 'videos.create' && Boolean(e.jobId);

/** Accepted video creates grouped by the node's replyRef tag; >1 per tag is a duplicate paid job. */
function duplicatesByTag(log) {
	const byTag = new Map();
	let untagged = 0;
	for (const e of log.filter(accepted)) {
		const tag = splitReplyRef(e.body && e.body.replyRef).tag;
		if (!tag) {
			untagged += 1;
			continue;
		}
		byTag.set(tag, (byTag.get(tag) || 0) + 1);
	}
	const duplicates = [...byTag.values()].reduce((n, c) => n + c - 1, 0);
	return { accepted: log.filter(accepted).length, tags: byTag.size, duplicates, untagged };
}

/**
 * Requests answered with an injected failure (not `slow`). A read (GET) counts as retried when the same
 * path is asked again later; a create when a later create carries the same tag. A create reset before its
 * body was read carries no tag, so creates are also summed up as re-submissions: create requests
 * minus distinct tags (every create request beyond an item's first).
 */
function retries(log) {
	const tagOf = (e) => splitReplyRef(e.body && e.body.replyRef).tag;
	const out = {
		createFaults: 0,
		createFaultsUntagged: 0,
		createRetried: 0,
		resetAfterFoundByLookup: 0,
		getFaults: 0,
		getRetried: 0,
	};
	// Reads: the capacity check, the batch poll (GET /scheduler), per-job GETs and replyRef lookups.
	const gets = log.filter((e) => READS.has(e.op));
	gets.forEach((e, i) => {
		if (!INJECTED.has(e.fault)) return;
		out.getFaults += 1;
		if (gets.slice(i + 1).some((later) => later.path === e.path)) out.getRetried += 1;
	});
	const creates = log.filter((e) => e.op === 'videos.create');
	creates.forEach((e, i) => {
		if (!INJECTED.has(e.fault)) return;
		out.createFaults += 1;
		const tag = tagOf(e);
		if (!tag) {
			out.createFaultsUntagged += 1;
			return;
		}
		if (creates.slice(i + 1).some((later) => tagOf(later) === tag)) out.createRetried += 1;
		else if (e.fault === 'resetAfter') out.resetAfterFoundByLookup += 1;
	});
	out.createRequests = creates.length;
	out.createResubmissions = creates.length - new Set(creates.map(tagOf).filter(Boolean)).size;
	return out;
}

/**
 * Per account: creates that started more than `graceMs` after the account's first answer with
 * `status` (412 / 596). Creates launched together with the refused one may still land in the grace.
 */
function afterFirst(log, status, ops = ['videos.create'], graceMs = 100) {
	const out = {};
	const firsts = new Map();
	for (const e of log) {
		if (e.status !== status || !e.account) continue;
		const end = e.t + (e.ms || 0);
		if (!firsts.has(e.account) || end < firsts.get(e.account)) firsts.set(e.account, end);
	}
	for (const [account, end] of firsts) {
		out[account] = log.filter(
			(e) =>
				ops.includes(e.op) &&
				e.t > end + graceMs &&
				(e.account === account || (e.body && e.body.account === account)),
		).length;
	}
	return out;
}

/** For each duplicated tag: how the first create was answered and whether its job had ended before the re-submission. */
function duplicateStories(log, jobs) {
	const byTag = new Map();
	for (const e of log.filter(accepted)) {
		const tag = splitReplyRef(e.body && e.body.replyRef).tag;
		if (tag) byTag.set(tag, [...(byTag.get(tag) || []), e]);
	}
	const stories = [];
	for (const [tag, creates] of byTag) {
		if (creates.length < 2) continue;
		const [first, again] = creates;
		const job = jobs.get(first.jobId);
		const ended = job && job.finalAt !== undefined && job.finalAt < again.t;
		const lookups = log.filter((e) => e.op === 'scheduler.list' && e.t > first.t && e.t < again.t);
		stories.push(
			`tag ${tag}: first create answered ${first.fault || first.status}, job ${ended ? `ended ${job.finalAt - first.t} ms later` : 'still running'}; ` +
				`re-submitted ${again.t - first.t} ms after the first (${lookups.length} GET /scheduler in between, ${lookups.filter((e) => e.fault).length} faulted)`,
		);
	}
	return stories;
}

function countBy(list, key) {
	const out = {};
	for (const x of list) out[key(x)] = (out[key(x)] || 0) + 1;
	return out;
}

module.exports = { duplicatesByTag, duplicateStories, retries, afterFirst, countBy, INJECTED };
