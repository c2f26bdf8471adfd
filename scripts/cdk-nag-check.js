// Runs cdk-nag's AwsSolutions pack over every CloudFormation template of the cloud assemblies given as arguments
// (folders `cdk synth` wrote). Each template is read back with CfnInclude; a finding is acknowledged only by the
// resource itself (metadata cdk_nag.rules_to_suppress, written by the C# app beside the grant, with its reason).
// cdk-nag 3 runs as a CDK policy-validation plugin: it prints every finding, and an unacknowledged one fails the
// synth. Exits 1 when any template has one.
'use strict';
const fs = require('fs');
const path = require('path');
const { App, DefaultStackSynthesizer, Stack, Validations } = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks } = require('cdk-nag');

const folders = process.argv.slice(2);
if (folders.length === 0) {
  console.error('usage: node scripts/cdk-nag-check.js CDK_OUT_FOLDER...');
  process.exit(2);
}

let failures = 0;
let templates = 0;
for (const folder of folders) {
  for (const file of fs.readdirSync(folder).filter(name => name.endsWith('.template.json')).sort()) {
    templates++;
    const app = new App({ outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'cdk-nag-')) });
    const stack = new Stack(app, file.replace(/\.template\.json$/, '').replace(/[^A-Za-z0-9-]/g, '-'), {
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
      analyticsReporting: false,
    });
    const templateFile = path.join(folder, file);
    const template = new CfnInclude(stack, 'Template', { templateFile });
    // The acknowledgements the app wrote beside each resource (the cdk-nag v2 metadata format), with their reasons.
    const resources = JSON.parse(fs.readFileSync(templateFile, 'utf8')).Resources || {};
    for (const [logicalId, resource] of Object.entries(resources)) {
      for (const rule of ((resource.Metadata || {}).cdk_nag || {}).rules_to_suppress || []) {
        const ids = rule.applies_to ? rule.applies_to.map(finding => `${rule.id}[${finding}]`) : [rule.id];
        for (const id of ids) {
          Validations.of(template.getResource(logicalId)).acknowledge({ id, reason: rule.reason });
        }
      }
    }
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
    // A finding that is not acknowledged fails the synth ("Validation failed"); the pack prints each one above.
    try {
      app.synth();
      console.log(`cdk-nag-check: ${templateFile}: no unacknowledged AwsSolutions finding`);
    } catch (e) {
      console.error(`cdk-nag-check: ${templateFile}: ${String(e.message).split('\n')[0]}`);
      failures++;
    }
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
}

if (templates === 0) {
  console.error(`cdk-nag-check: no template in ${folders.join(', ')}`);
  process.exit(1);
}
console.log(`cdk-nag-check: ${templates} template(s), ${failures} with unacknowledged AwsSolutions findings`);
process.exit(failures === 0 ? 0 : 1);
