'use strict';
// Runs under the HOST's node with NODE_PATH=<host>/node_modules (its sqlite3 is built for that node).
// Usage: node db-query.js <database.sqlite> <workflowId>
// Prints JSON: [{ id, status, mode, nodes: { <name>: [{ json, binary }, …] } }] for that workflow's executions.
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');

const [file, workflowId] = process.argv.slice(2);
const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
const sql = `SELECT e.id, e.status, e.mode, d.data FROM execution_entity e
	LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id`;
db.all(sql, [workflowId], (err, rows) => {
	if (err) {
		process.stderr.write(`${err.message}\n`);
		process.exit(1);
	}
	const out = rows.map((row) => {
		const nodes = {};
		try {
			const runData = parse(row.data).resultData.runData || {};
			for (const [name, runs] of Object.entries(runData)) {
				const main = (runs[0] && runs[0].data && runs[0].data.main) || [];
				nodes[name] = (main[0] || []).map((item) => ({ json: item.json, binary: item.binary }));
			}
		} catch {
			// no data saved for this execution
		}
		return { id: row.id, status: row.status, mode: row.mode, nodes };
	});
	process.stdout.write(JSON.stringify(out));
	db.close();
});
