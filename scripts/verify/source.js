'use strict';
// Rules read from the TypeScript source: no-hardcoded-ids and prefer-declarative-style.
const ts = require('typescript');

const ID_NAME = /(partner|affiliate|reseller|account|tenant|customer|client)[_-]?id$/i;

function nameOf(node) {
	if (!node) return undefined;
	if (
		ts.isIdentifier(node) ||
		ts.isPrivateIdentifier(node) ||
		ts.isStringLiteral(node) ||
		ts.isNumericLiteral(node)
	)
		return node.text;
	if (ts.isPropertyAccessExpression(node)) return node.name.text;
	if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression))
		return node.argumentExpression.text;
	return undefined;
}

const isStringLit = (n) => n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n));

/** no-hardcoded-ids: a string literal assigned to a partner/account/client/... id name. */
function hardcodedIds(code, file) {
	const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
	const out = [];
	const report = (name, n) => {
		const { line } = sf.getLineAndCharacterOfPosition(n.getStart());
		out.push({
			rule: 'no-hardcoded-ids',
			severity: 'error',
			message: `${file}:${line + 1}: "${name}" is assigned a string literal; take it from a parameter or the credential`,
		});
	};
	const visit = (n) => {
		let target;
		let value;
		if (ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n)) {
			target = nameOf(n.name);
			value = n.initializer;
		} else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
			target = nameOf(n.left);
			value = n.right;
		}
		if (target && ID_NAME.test(target) && isStringLit(value)) report(target, n);
		ts.forEachChild(n, visit);
	};
	visit(sf);
	return out;
}

const PAGING_WORDS = /binary|cursor|offset|page|pagination|returnall/i;
const ALLOWED_CALLS = new Set(['getCredentials', 'getInputData', 'getNodeParameter', 'push']);

/** prefer-declarative-style: execute() that is one plain HTTP call per item would fit routing. */
function preferDeclarative(code, file) {
	const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
	const out = [];
	const visit = (n) => {
		if (ts.isMethodDeclaration(n) && nameOf(n.name) === 'execute' && n.body) {
			const text = n.body.getText(sf);
			let requests = 0;
			let otherCalls = 0;
			const scan = (c) => {
				if (ts.isCallExpression(c)) {
					const callee = nameOf(c.expression);
					if (callee === 'httpRequest' || callee === 'httpRequestWithAuthentication') requests++;
					else if (!ALLOWED_CALLS.has(callee)) otherCalls++;
				}
				ts.forEachChild(c, scan);
			};
			scan(n.body);
			if (
				requests === 1 &&
				otherCalls === 0 &&
				!PAGING_WORDS.test(text) &&
				!/getWorkflowStaticData/.test(text)
			) {
				out.push({
					rule: 'prefer-declarative-style',
					severity: 'warn',
					message: `${file}: execute() makes one plain request per item; use declarative routing`,
				});
			}
		}
		ts.forEachChild(n, visit);
	};
	visit(sf);
	return out;
}

module.exports = { hardcodedIds, preferDeclarative, ID_NAME };
