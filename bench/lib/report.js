'use strict';
// Turns the measured parts into one table of figures with targets and pass/miss.

const fmtMs = (ms) =>
	ms === undefined ? 'n/a' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
const fmtBytes = (b) =>
	b === undefined
		? 'n/a'
		: b >= 1024 * 1024
			? `${(b / 1024 / 1024).toFixed(1)} MB`
			: `${(b / 1024).toFixed(1)} KB`;

const round3 = (x) => Math.round(x * 1000) / 1000;

function verdict(ok) {
	return ok === undefined ? '—' : ok ? 'pass' : 'MISS';
}

/** rows: [{figure, value, target, pass}] */
function rowsOf(r) {
	const rows = [];
	const add = (figure, value, target = '', ok) =>
		rows.push({ figure, value, target, result: verdict(ok) });
	const skipped = (figure, why) =>
		rows.push({ figure, value: `not measured: ${why}`, target: '', result: '—' });

	const phase = (b) => {
		const f = (b.jobMs % (b.pollSeconds * 1000)) / (b.pollSeconds * 1000);
		return f === 0
			? 'ends just before a poll: best case'
			: f < 0.1
				? 'ends just after a poll: worst case'
				: f === 0.5
					? 'half way: average'
					: `${f} into a poll cycle`;
	};
	for (const b of r.batch ?? []) {
		if (b.skipped) {
			skipped(`Batch makespan / limit (D = ${b.jobMs / 1000} s)`, b.skipped);
			continue;
		}
		add(
			`Batch makespan / limit, N=${b.n}, K=${b.capacity}, D=${b.jobMs / 1000} s (${phase(b)}), poll ${b.pollSeconds} s`,
			`${b.ratio}× (${fmtMs(b.makespanMs)} vs ${fmtMs(b.limitMs)}; ${b.completed}/${b.n} completed)`,
			'≤ 1.15×',
			b.status === 'success' && b.completed === b.n ? b.ratio <= 1.15 : false,
		);
	}
	const first = r.batch?.find((b) => !b.skipped);
	if (r.serial?.skipped) skipped('Serial baseline', r.serial.skipped);
	const same = r.batch?.find((b) => !b.skipped && b.jobMs === r.serial?.jobMs) ?? first;
	if (r.serial && !r.serial.skipped && same) {
		const perItem = r.serial.totalMs / r.serial.n;
		const serialForN = perItem * same.n;
		const speedUp = serialForN / same.makespanMs;
		r.speedUp = Number(speedUp.toFixed(2));
		add(
			`Speed-up vs serial loop (one run per item), D=${same.jobMs / 1000} s`,
			`${speedUp.toFixed(1)}× (serial ${fmtMs(serialForN)}${r.serial.n === same.n ? '' : `, extrapolated from ${r.serial.n} items`}, ${fmtMs(perItem)}/item)`,
			'≥ 4×',
			r.serial.failures === 0 ? speedUp >= 4 : false,
		);
	}
	if (first) {
		const c = first.calls;
		const runs = r.batch.filter((b) => !b.skipped);
		const sum = (key) => runs.reduce((total, b) => total + b.calls[key], 0);
		const jobs = runs.reduce((total, b) => total + b.n, 0);
		const accepted = sum('acceptedCreates');
		add(
			`Creates per job, batch (accepted / all create requests, ${runs.length} runs, ${jobs} items)`,
			`${round3(accepted / jobs)} / ${round3(sum('createRequests') / jobs)} (${sum('createRequests') - accepted} rejected, ${sum('duplicateCreates')} duplicates)`,
			'exactly 1',
			accepted === jobs && sum('duplicateCreates') === 0,
		);
		add(
			'Status calls per job per poll interval, batch',
			`${c.statusCallsPerJobInterval}: listings ${c.listingsPerJobInterval} (${c.listings} calls, ${c.listingsPerInterval} per interval for the whole batch) + single GETs ${c.singleGetsPerJobInterval} (${c.singleGetsPerJob} per job); ${c.capacityChecks} capacity checks`,
			'< 1 (one call covers the batch)',
			c.statusCallsPerJobInterval < 1,
		);
		add(
			'Over-capacity creates accepted, batch',
			String(sum('overCapacity')),
			'0',
			sum('overCapacity') === 0,
		);
	}
	if (r.serial && !r.serial.skipped) {
		const c = r.serial.calls;
		add(
			'Creates per job, single job (accepted / all)',
			`${c.createsPerJob} / ${c.createRequestsPerJob}`,
			'exactly 1',
			c.createsPerJob === 1 && c.duplicateCreates === 0,
		);
		add(
			'Status calls per job per poll interval, single job',
			`${c.statusCallsPerJobInterval}: listings ${c.listingsPerJobInterval} + single GETs ${c.singleGetsPerJobInterval} (${c.singleGetsPerJob} per job); ${c.capacityChecks / c.jobs} capacity checks per job`,
			'≈ 1',
		);
	}
	if (r.pollLatency?.skipped) skipped('Detection latency, poll', r.pollLatency.skipped);
	else if (r.pollLatency) {
		const p = r.pollLatency;
		add(
			`Detection latency, poll (finalAt → node returns), ${p.runs} jobs`,
			`median ${fmtMs(p.medianMs)}, max ${fmtMs(p.maxMs)}`,
			`≤ ${p.pollSeconds * 1000} ms (one interval)`,
			p.maxMs !== undefined && p.maxMs <= p.pollSeconds * 1000,
		);
	}
	if (r.triggerLatency?.skipped) skipped('Detection latency, trigger', r.triggerLatency.skipped);
	else if (r.triggerLatency) {
		const t = r.triggerLatency;
		add(
			`Detection latency, trigger (finalAt → item emitted), ${t.jobs} jobs`,
			`median ${fmtMs(t.medianMs)}, max ${fmtMs(t.maxMs)} (${t.emitted}/${t.jobs} emitted)`,
			'< 1000 ms',
			t.maxMs !== undefined && t.emitted === t.jobs && t.maxMs < 1000,
		);
	}
	const f = r.footprint;
	if (f) {
		add(
			'Packed tarball',
			`${fmtBytes(f.pack.tarballBytes)} (${f.pack.files} files, ${fmtBytes(f.pack.unpackedBytes)} unpacked)`,
		);
		add(
			'Runtime dependencies',
			String(f.runtimeDependencies.length + f.bundledDependencies.length),
			'0',
			f.runtimeDependencies.length + f.bundledDependencies.length === 0,
		);
		const q = f.requireMs;
		add(
			`Require every built node + credential (median of ${q.runs} fresh processes)`,
			q.error
				? `error: ${q.error}`
				: `${q.warmMedianMs} ms with n8n-workflow loaded; ${q.coldMedianMs} ms incl. loading n8n-workflow${q.missing?.length ? ` (missing: ${q.missing.join(', ')})` : ''}`,
		);
		const m = f.memory;
		for (const mode of ['default', 'filesystem']) {
			const x = m[mode];
			const label = `Peak RSS, ${m.fileMB} MB result → binary (${mode} mode, via ${m.via})`;
			if (!x || x.error || x.status !== 'success') {
				add(label, `error: ${x?.error ?? 'no result'}`, '', false);
				continue;
			}
			const value = `${x.peakRssMB} MB peak, +${x.addedRssMB} MB over baseline = ${x.addedPerFileByte}× file size; stored as ${x.storedAs}, ${fmtBytes(x.bytes)} in ${fmtMs(x.ms)}`;
			if (mode === 'filesystem') {
				const g = m.filesystemGrowthPerFileByte;
				const small = m.filesystemSmall;
				add(
					label,
					`${value}; at ${(small?.bytes ?? 0) / 1024 / 1024} MB: +${small?.addedRssMB} MB, so RSS grows ${g} bytes per file byte`,
					'streams: growth < 0.1 byte per file byte',
					g !== undefined && g < 0.1 && x.bytes === m.fileBytes,
				);
			} else
				add(
					label,
					value,
					'n8n keeps the file in memory (base64)',
					x.bytes === m.fileBytes ? undefined : false,
				);
		}
	}
	return rows;
}

function table(rows) {
	const cols = ['figure', 'value', 'target', 'result'];
	const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
	const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(width[i])).join(' | ')} |`;
	return [
		line(cols),
		line(width.map((w) => '-'.repeat(w))),
		...rows.map((r) => line(cols.map((c) => r[c]))),
	].join('\n');
}

module.exports = { rowsOf, table };
