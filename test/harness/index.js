'use strict';
/**
 * Runs nodes through n8n's real execution engine (n8n-core WorkflowExecute, with RoutingNode for
 * declarative nodes), outside n8n itself. Used by the jest tests, the demo, the benchmarks and the
 * reliability run. Credentials are applied the way n8n's CLI CredentialsHelper applies them,
 * including `generic` authenticate blocks with expressions.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

// n8n-core reads its settings folder on first use: keep it out of the user's home.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
	// A settings file with a key up front, so n8n-core does not announce generating one.
	const settings = path.join(process.env.N8N_USER_FOLDER, '.n8n');
	fs.mkdirSync(settings, { recursive: true });
	const key = require('crypto').randomBytes(24).toString('base64');
	fs.writeFileSync(path.join(settings, 'config'), JSON.stringify({ encryptionKey: key }), {
		mode: 0o600,
	});
}
process.env.N8N_BLOCK_FILE_ACCESS_TO_N8N_FILES = 'false';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';

const { WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const {
	Workflow,
	ICredentialsHelper,
	NodeHelpers,
	createDeferredPromise,
} = require('n8n-workflow');

const PACKAGE_NAME = 'n8n-nodes-useapi-minimax';
const INPUT_TYPE = 'harness.input';

class NodeTypes {
	constructor(map) {
		this.map = map;
	}
	getByName(type) {
		return this.map[type];
	}
	getByNameAndVersion(type, version) {
		const nodeType = this.map[type];
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return NodeHelpers.getVersionedNodeType(nodeType, version);
	}
	getKnownTypes() {
		return {};
	}
}

class CredentialsHelper extends ICredentialsHelper {
	constructor(credentialTypes, credentials) {
		super();
		this.credentialTypes = credentialTypes;
		this.credentials = credentials;
	}
	getCredentialsProperties(type) {
		return this.credentialTypes[type]?.properties ?? [];
	}
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const auth = this.credentialTypes[typeName]?.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (!auth || auth.type !== 'generic') return requestOptions;
		const resolve = (value) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					)
				: value;
		for (const [outerKey, inner] of Object.entries(auth.properties)) {
			requestOptions[outerKey] = requestOptions[outerKey] ?? {};
			for (const [key, value] of Object.entries(inner)) {
				requestOptions[outerKey][resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	getParentTypes() {
		return [];
	}
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		const data = this.credentials[type];
		if (!data) throw new Error(`No credentials of type ${type} given to the harness`);
		return { ...data };
	}
	async getCredentials() {
		return {};
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	isCredentialUsableByNode() {
		return true;
	}
}

/** Loads every node and credential of a built package the way n8n does: through package.json's n8n block. */
function loadPackage(packageDir = path.resolve(__dirname, '..', '..')) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const nodeTypes = {};
	const credentialTypes = {};
	for (const file of pkg.n8n.nodes) {
		const mod = require(path.join(packageDir, file));
		for (const Cls of Object.values(mod)) {
			const instance = new Cls();
			nodeTypes[`${pkg.name}.${instance.description.name}`] = instance;
		}
	}
	for (const file of pkg.n8n.credentials) {
		const mod = require(path.join(packageDir, file));
		for (const Cls of Object.values(mod)) {
			const instance = new Cls();
			credentialTypes[instance.name] = instance;
		}
	}
	return { name: pkg.name, nodeTypes, credentialTypes };
}

/** An input node that emits the given items, standing in for a trigger. */
function inputNodeType(items) {
	return {
		description: {
			displayName: 'Input',
			name: 'input',
			group: ['input'],
			version: 1,
			description: 'Emits test items',
			defaults: { name: 'Input' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute() {
			return [items.map((item, index) => ({ pairedItem: { item: index }, ...item }))];
		},
	};
}

function makeAdditionalData(hooks, credentialsHelper, extra) {
	return {
		hooks,
		credentialsHelper,
		executionId: hooks.executionId,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'harness-user',
		variables: {},
		setExecutionStatus() {},
		sendDataToUI() {},
		logAiEvent() {},
		async getRunExecutionData() {
			return undefined;
		},
		...extra,
	};
}

/** Stand-in for n8n-nodes-base.manualTrigger (not a dependency here): emits one empty item. */
const manualTriggerType = inputNodeType([{ json: {} }]);

/**
 * Runs a whole workflow (nodes + connections, as exported from n8n) from its start node.
 * options: workflow, nodeTypes?, credentialTypes?, credentials?, startItems?, cancelAfterMs?,
 * onStart?, staticData?, additionalData?
 * Resolves to { status, runData, error, execution, canceled, output(nodeName) }.
 */
async function runWorkflow(options) {
	const pkg = options.nodeTypes && options.credentialTypes ? undefined : loadPackage();
	const nodeTypesMap = {
		'n8n-nodes-base.manualTrigger': manualTriggerType,
		...(options.nodeTypes ?? pkg.nodeTypes),
	};
	const credentialTypes = options.credentialTypes ?? pkg.credentialTypes;
	const { nodes, connections } = options.workflow;
	const start = options.startNode
		? nodes.find((n) => n.name === options.startNode)
		: nodes.find(
				(n) =>
					!Object.values(connections).some((c) =>
						c.main?.some((out) => out?.some((t) => t.node === n.name)),
					),
			);
	const workflow = new Workflow({
		id: 'harness',
		name: options.workflow.name ?? 'harness',
		nodes,
		connections,
		nodeTypes: new NodeTypes(nodeTypesMap),
		active: false,
		settings: {},
		staticData: options.staticData ?? {},
	});
	const workflowData = {
		id: 'harness',
		name: 'harness',
		nodes,
		connections,
		active: false,
		settings: {},
	};
	const hooks = new ExecutionLifecycleHooks('manual', String(Date.now()), workflowData);
	const done = createDeferredPromise();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	const credentialsHelper = new CredentialsHelper(credentialTypes, options.credentials ?? {});
	const additionalData = makeAdditionalData(hooks, credentialsHelper, options.additionalData);
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [
				{ node: start, data: { main: [options.startItems ?? [{ json: {} }]] }, source: null },
			],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const cancelable = execute.processRunExecutionData(workflow);
	const cancel = () => cancelable.cancel();
	if (options.onStart) options.onStart(cancel);
	let timer;
	if (options.cancelAfterMs !== undefined) timer = setTimeout(cancel, options.cancelAfterMs);
	let run;
	try {
		run = await Promise.race([cancelable, done.promise]);
	} catch (error) {
		// A cancelled execution rejects; the hooks still report what ran.
		if (!cancelable.isCanceled) throw error;
		run = await Promise.race([
			done.promise,
			new Promise((r) => setTimeout(() => r(undefined), 2000)),
		]);
	} finally {
		clearTimeout(timer);
	}
	const runData = run?.data?.resultData?.runData ?? {};
	return {
		status: run?.status ?? (cancelable.isCanceled ? 'canceled' : 'unknown'),
		runData,
		error: run?.data?.resultData?.error,
		execution: run,
		canceled: cancelable.isCanceled,
		/** The first output's items of a node's last run. */
		output: (name) => runData[name]?.at(-1)?.data?.main?.[0] ?? [],
	};
}

/**
 * Runs one node fed by `items` (through an input node standing in for a trigger).
 * options: nodeTypes?, credentialTypes? (default: the built package via loadPackage()),
 * credentials, node: { type, parameters, typeVersion?, name?, continueOnFail?, credentials? },
 * items?, cancelAfterMs?, onStart(cancel)?, staticData?, additionalData?
 * Resolves to { status, items, outputs, error, runData, execution, canceled }.
 */
async function runNode(options) {
	const pkg = options.nodeTypes ? undefined : loadPackage();
	const nodeTypes = { ...(options.nodeTypes ?? pkg.nodeTypes) };
	const credentialTypes =
		options.credentialTypes ?? pkg?.credentialTypes ?? loadPackage().credentialTypes;
	nodeTypes[INPUT_TYPE] = inputNodeType(options.items ?? [{ json: {} }]);
	const target = options.node;
	const nodeName = target.name ?? 'Node';
	const credentialType = Object.keys(credentialTypes)[0];
	const nodes = [
		{
			id: 'input',
			name: 'Input',
			type: INPUT_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'target',
			name: nodeName,
			type: target.type,
			typeVersion: target.typeVersion ?? 1,
			position: [200, 0],
			parameters: target.parameters ?? {},
			credentials: target.credentials ?? { [credentialType]: { id: '1', name: 'useapi' } },
			onError: target.continueOnFail ? 'continueRegularOutput' : undefined,
			continueOnFail: target.continueOnFail ?? false,
		},
	];
	const connections = { Input: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } };
	const result = await runWorkflow({
		...options,
		nodeTypes,
		credentialTypes,
		workflow: { nodes, connections },
		startNode: 'Input',
	});
	const nodeRun = result.runData[nodeName]?.[0];
	const outputs = nodeRun?.data?.main ?? [];
	return {
		status: result.status,
		items: outputs[0] ?? [],
		outputs,
		error: nodeRun?.error ?? result.error,
		runData: result.runData,
		execution: result.execution,
		canceled: result.canceled,
	};
}

module.exports = { runNode, runWorkflow, loadPackage, NodeTypes, CredentialsHelper, PACKAGE_NAME };
