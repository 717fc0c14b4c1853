'use strict';
// n8n's stored executions, read from the shared Postgres (the host's own pg + flatted packages).
const path = require('path');

/**
 * → [{ id, status, mode, waitTill, startedAt, stoppedAt, nodes: { <name>: [{ json, binary }] }, runs: { <name>: n } }]
 * for one workflow, oldest first. `runs` counts how often each node ran.
 */
async function executionsOf(cluster, workflowId) {
	const db = await cluster.db();
	const { parse } = require(path.join(cluster.host.dir, 'node_modules', 'flatted'));
	const { rows } = await db.query(
		`SELECT e.id, e.status, e.mode, e."waitTill", e."startedAt", e."stoppedAt", d.data
		 FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		 WHERE e."workflowId" = $1 ORDER BY e.id`,
		[workflowId],
	);
	return rows.map((row) => {
		const nodes = {};
		const runs = {};
		try {
			const runData = parse(row.data).resultData.runData || {};
			for (const [name, list] of Object.entries(runData)) {
				runs[name] = list.length;
				const last = list[list.length - 1];
				const main = (last && last.data && last.data.main) || [];
				nodes[name] = (main[0] || []).map((item) => ({ json: item.json, binary: item.binary }));
			}
		} catch {
			// no data saved (yet) for this execution
		}
		return {
			id: String(row.id),
			status: row.status,
			mode: row.mode,
			waitTill: row.waitTill,
			startedAt: row.startedAt,
			stoppedAt: row.stoppedAt,
			nodes,
			runs,
		};
	});
}

/** The workflow's static data as stored (what every process loads for a webhook call). */
async function staticDataOf(cluster, workflowId) {
	const db = await cluster.db();
	const { rows } = await db.query('SELECT "staticData" FROM workflow_entity WHERE id = $1', [
		workflowId,
	]);
	const value = rows[0] && rows[0].staticData;
	return typeof value === 'string' ? JSON.parse(value) : value || {};
}

/** How many binary files n8n stored in the database (database binary data mode). */
async function storedBinaryCount(cluster) {
	const db = await cluster.db();
	const { rows } = await db.query('SELECT count(*)::int AS n FROM binary_data');
	return rows[0].n;
}

module.exports = { executionsOf, staticDataOf, storedBinaryCount };
