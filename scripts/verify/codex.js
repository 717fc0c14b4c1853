'use strict';
// Codex rules newer than plugin 0.32.0 (n8n-io/n8n: packages/@n8n/eslint-plugin-community-nodes, after 0.32.0): valid-node-categories v1-v3,
// no-ai-codex-category, no-codex-subcategories, no-logic-or-flow-nodes, plus the aliases our users search by.
const CATEGORIES = [
	'Data & Storage',
	'Finance & Accounting',
	'Marketing & Content',
	'Productivity',
	'Miscellaneous',
	'Sales',
	'Development',
	'Analytics',
	'Communication',
	'Utility',
];
const AI_SUBCATEGORIES = [
	'Agents',
	'Chains',
	'Language Models',
	'Memory',
	'Output Parsers',
	'Tools',
	'Vector Stores',
	'Retrievers',
	'Rerankers',
	'Embeddings',
	'Document Loaders',
	'Text Splitters',
	'Other Tools',
	'Root Nodes',
	'Model Context Protocol',
	'Human in the Loop',
	'Evaluation',
	'Miscellaneous',
];
/** The editor's node search matches displayName and codex.alias only (n8n 2.41 editor-ui sublimeSearch keys). */
const SEARCH_TERMS = ['MiniMax', 'useapi', 'Hailuo', 'Veo', 'Sora', 'Seedance', 'video', 'image'];

function checkCodex(codex, { nodeType } = {}) {
	const out = [];
	const err = (rule, message) => out.push({ rule, severity: 'error', message });
	const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
	if (!isObj(codex))
		return [
			{ rule: 'valid-node-categories', severity: 'error', message: 'codex is not a JSON object' },
		];
	const cats = codex.categories;
	const subs = codex.subcategories;
	if (cats !== undefined) {
		if (!Array.isArray(cats) || cats.length === 0 || cats.some((c) => typeof c !== 'string')) {
			err('valid-node-categories', 'categories must be a non-empty array of strings');
		} else {
			for (const c of cats) {
				if (c === 'Marketing')
					err(
						'valid-node-categories',
						'category "Marketing" is not valid: use "Marketing & Content"',
					);
				else if (c === 'AI')
					err(
						'valid-node-categories',
						'category "AI" fails v1 (rejected) and hides the node from search without subcategories.AI "Root Nodes"',
					);
				else if (!CATEGORIES.includes(c))
					err('valid-node-categories', `category "${c}" is not one of: ${CATEGORIES.join(', ')}`);
			}
			if (cats.includes('AI'))
				err(
					'no-ai-codex-category',
					'category "AI" is not allowed without an @n8n/ai-node-sdk import',
				);
			for (const c of cats)
				if (c === 'Logic' || c === 'Flow')
					err('no-logic-or-flow-nodes', `category "${c}" is not accepted for community nodes`);
		}
	}
	if (subs !== undefined) {
		err(
			'no-codex-subcategories',
			'codex has subcategories (v2 rejects them on non-AI nodes; PR #35870 rejects any)',
		);
		if (isObj(subs)) {
			const ai = subs.AI;
			if (ai !== undefined && !(Array.isArray(cats) && cats.includes('AI')))
				err('valid-node-categories', 'subcategories.AI without the AI category');
			if (Array.isArray(ai))
				for (const s of ai)
					if (!AI_SUBCATEGORIES.includes(s))
						err('valid-node-categories', `AI subcategory "${s}" is not valid`);
			for (const list of Object.values(subs)) {
				if (Array.isArray(list))
					for (const s of list)
						if (s === 'Logic' || s === 'Flow')
							err('no-logic-or-flow-nodes', `subcategory "${s}" is not accepted`);
			}
		}
	}
	if (
		Array.isArray(cats) &&
		cats.includes('AI') &&
		!(isObj(subs) && Array.isArray(subs.AI) && subs.AI.length)
	) {
		err('valid-node-categories', 'category "AI" needs a non-empty subcategories.AI (v2/v3)');
	}
	if (nodeType !== undefined && codex.node !== nodeType)
		err('codex-node-name', `codex "node" is ${JSON.stringify(codex.node)}, expected "${nodeType}"`);
	const alias = Array.isArray(codex.alias) ? codex.alias.map((a) => String(a).toLowerCase()) : [];
	const missing = SEARCH_TERMS.filter((t) => !alias.includes(t.toLowerCase()));
	if (missing.length)
		err(
			'codex-search-alias',
			`alias lacks ${missing.join(', ')}: the editor's search reads only displayName and alias`,
		);
	return out;
}

module.exports = { checkCodex, CATEGORIES, AI_SUBCATEGORIES, SEARCH_TERMS };
