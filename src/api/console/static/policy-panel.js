// The policy simulator over POST /v1/policies:simulate: the decision and the
// statement that made it (its index, and its Sid when it has one).
import { badge, h, replaceChildren } from './dom.js';

const EXAMPLE = {
  Version: '1',
  Statement: [
    { Effect: 'Allow', Action: 'oss:GetObject', Principal: '*', Resource: '*' },
    {
      Sid: 'OnlyFromTheVpc',
      Effect: 'Deny',
      Action: '*',
      Principal: '*',
      Resource: '*',
      Condition: { NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } },
    },
  ],
};

export function policyPanel(post) {
  const form = document.getElementById('policy-form');
  const documentField = document.getElementById('policy-document');
  const result = document.getElementById('policy-result');
  if (documentField.value.trim() === '') documentField.value = JSON.stringify(EXAMPLE, null, 2);
  const field = (id) => document.getElementById(id).value.trim();

  const simulate = async () => {
    let context = {};
    if (field('policy-context') !== '') {
      try {
        context = JSON.parse(field('policy-context'));
      } catch {
        replaceChildren(result, h('p', { class: 'error' }, 'Context: not valid JSON'));
        return;
      }
    }
    const request = { action: field('policy-action'), resource: field('policy-resource'), context };
    if (field('policy-principal') !== '') request.principal = field('policy-principal');
    const { status, body } = await post('/v1/policies:simulate', { policyDocument: documentField.value, requests: [request] });
    if (status !== 200) {
      replaceChildren(result, h('p', { class: 'error' }, `${body.code}: ${body.message}`));
      return;
    }
    const decision = body.results[0];
    replaceChildren(result, ...describe(decision, documentField.value));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    simulate().catch((err) => replaceChildren(result, h('p', { class: 'error' }, String(err))));
  });
}

function describe(decision, text) {
  const head = h('div', { class: 'answer-head', dataset: { decision: decision.decision } }, badge(decision.decision));
  if (decision.statement === null) return [head, h('p', { class: 'muted' }, 'No statement applies: denied by default.')];
  let statement;
  try {
    const parsed = JSON.parse(text);
    statement = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement])[decision.statement];
  } catch {
    statement = undefined;
  }
  const sid = decision.sid;
  return [
    head,
    h(
      'p',
      { class: 'deciding', dataset: { statement: String(decision.statement) } },
      `Decided by Statement[${decision.statement}]`,
      sid ? h('span', { dataset: { sid } }, ` (Sid "${sid}")`) : null,
    ),
    statement === undefined ? null : h('pre', { class: 'records' }, JSON.stringify(statement, null, 2)),
  ];
}
