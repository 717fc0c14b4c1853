'use strict';
// Checks shared by every generation endpoint: prompt keywords, file refs, credits, capacity.
const { err, HttpError } = require('./context');
const { parseId, statusInfo } = require('./util');

/** Prompt keywords that drive failures on demand (case-insensitive, anywhere in the prompt). */
function keywords(prompt) {
	const p = String(prompt || '').toLowerCase();
	const ms = /\[ms=(\d+)\]/.exec(p);
	const mod = /\[moderate(5|7|14)\]/.exec(p);
	return {
		moderate: p.includes('[moderate]'),
		outcome: mod ? Number(mod[1]) : p.includes('[fail]') ? 3 : 2,
		removed: p.includes('[removed]'),
		ms: ms ? Number(ms[1]) : undefined,
	};
}

/** Account that uploaded the referenced files, so load balancing does not pick another one. */
function refAccount(refs) {
	for (const r of refs) {
		const p = parseId(r.fileID);
		if (p) return p.account;
	}
	return undefined;
}

const ROLE_MIME = {
	image: ['image/png', 'image/jpeg'],
	video: ['video/mp4'],
	audio: ['audio/mpeg', 'audio/wav'],
};

function checkRefs(ctx, refs, account) {
	for (const ref of refs) {
		const file = ctx.state.files.get(ref.fileID);
		if (!file || file.account !== account)
			throw err(
				400,
				`Parameter ${ref.field} (${ref.fileID}) was not found on account ${account}; upload it with POST /files?account=${account}`,
			);
		if (file.sourceJob && file.sourceJob.status !== 2)
			throw err(
				400,
				`Parameter ${ref.field} (${ref.fileID}) refers to an image that has not completed`,
			);
		if (ROLE_MIME[ref.role] && !ROLE_MIME[ref.role].includes(file.mime))
			throw err(
				400,
				`Parameter ${ref.field} must reference ${ref.role} file (${ROLE_MIME[ref.role].join(', ')}), got ${file.mime}`,
			);
	}
}

function busyBody(ctx, account, running) {
	return {
		error: `Account ${account} is busy executing ${running.length} videos`,
		runningVideos: {
			[account]: running.map((j) => ({
				account,
				id: j.raw,
				scheduledVideo: `scheduled-${j.raw}`,
				videoId: j.id,
				started: new Date(j.createdAt).toISOString(),
				replyUrl: j.replyUrl,
				replyRef: j.replyRef,
			})),
		},
		code: 429,
	};
}

function queueBody(limit) {
	return { statusInfo: statusInfo(1500006, `YOU CAN QUEUE ${limit} JOBS AT ONCE`) };
}

function reject(ctx, status, body) {
	const key = String(status);
	ctx.state.stats.rejected[key] = (ctx.state.stats.rejected[key] || 0) + 1;
	return new HttpError(status, body);
}

/**
 * Upstream-side gates in the order useapi meets them: on hold, useapi slots (maxJobs),
 * MiniMax credits, MiniMax queue, moderation.
 */
function gate(ctx, acct, { limit, videoSlots, kw }) {
	ctx.checkHold(acct);
	if (videoSlots) {
		const running = ctx.state.runningVideos(acct.account);
		if (running.length >= limit) throw reject(ctx, 429, busyBody(ctx, acct.account, running));
	}
	if (acct.outOfCredits)
		throw reject(ctx, 412, { error: `Account ${acct.account} has run out of credits`, code: 412 });
	if (
		videoSlots &&
		acct.queueLimit !== undefined &&
		ctx.state.runningVideos(acct.account).length >= acct.queueLimit
	) {
		throw reject(ctx, 429, queueBody(acct.queueLimit));
	}
	if (kw.moderate) {
		throw reject(ctx, 422, {
			error: 'Your prompt is too short, please provide more details',
			statusInfo: statusInfo(
				1500001,
				'An error occurred while generating the content, please try again',
			),
		});
	}
}

module.exports = { keywords, refAccount, checkRefs, gate, busyBody, queueBody };
