// "What does VPC X get for name Y?", answered by the server's own DNS data
// (POST /v1/dns:lookup) with the view, the zone and the reason.
import { badge, h, replaceChildren } from './dom.js';

export function dnsPanel(post) {
  const form = document.getElementById('dns-form');
  const vpc = document.getElementById('dns-vpc');
  const name = document.getElementById('dns-name');
  const type = document.getElementById('dns-type');
  const zone = document.getElementById('dns-zone');
  const names = document.getElementById('dns-names');
  const result = document.getElementById('dns-result');

  const ask = async () => {
    const question = { name: name.value.trim(), type: type.value };
    if (vpc.value !== '') question.vpcId = vpc.value;
    if (zone.value.trim() !== '') question.zoneId = zone.value.trim();
    replaceChildren(result, h('p', { class: 'muted' }, 'asking…'));
    const { status, body } = await post('/v1/dns:lookup', question);
    if (status !== 200) {
      replaceChildren(result, h('p', { class: 'error' }, `${body.code}: ${body.message}`));
      return;
    }
    replaceChildren(
      result,
      h(
        'div',
        { class: 'answer-head', dataset: { rcode: body.rcode } },
        badge(body.rcode),
        ' ',
        h('span', { class: 'muted' }, `${body.question.name} ${body.question.type}`),
      ),
      body.answer.length > 0 ? h('pre', { class: 'records' }, body.answer.join('\n')) : null,
      body.authority.length > 0 ? h('pre', { class: 'records muted' }, body.authority.join('\n')) : null,
      h(
        'ol',
        { class: 'why' },
        body.explanation.map((line) => h('li', {}, line)),
      ),
    );
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ask().catch((err) => replaceChildren(result, h('p', { class: 'error' }, String(err))));
  });

  return {
    /** Keeps the VPC choices and the name suggestions in step with the topology. */
    update(state) {
      const chosen = vpc.value;
      const options = [h('option', { value: '' }, '(no VPC: public view)')];
      for (const id of [...state.vpcs.keys()].sort()) options.push(h('option', { value: id }, id));
      replaceChildren(vpc, options);
      vpc.value = state.vpcs.has(chosen) ? chosen : '';
      const suggestions = new Set();
      for (const endpoint of state.endpoints.values()) for (const n of endpoint.names) suggestions.add(n.name);
      for (const z of state.privateZones.values()) suggestions.add(z.zoneName);
      replaceChildren(
        names,
        [...suggestions].sort().map((n) => h('option', { value: n })),
      );
    },
    /** Asks about `nameText` as `vpcId` sees it (a name clicked in the diagram). */
    ask(nameText, vpcId) {
      name.value = nameText;
      if (vpcId !== undefined && [...vpc.options].some((o) => o.value === vpcId)) vpc.value = vpcId;
      form.requestSubmit();
    },
  };
}
