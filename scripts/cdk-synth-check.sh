#!/usr/bin/env bash
# Runs the real `npx cdk synth` from the repository, as a user would, and checks what it leaves:
#  1. a two-cluster context synthesizes: the template holds the function, role, per-cluster grants, alarms, access
#     entry and the CleanRemoved custom resource before them; the Lifecycle stack comes last with its own, and the
#     schedule, which depends on it (so a teardown deletes the schedule before the cleanup);
#     and the asset folder holds exactly an executable linux `bootstrap` and the normalized `clusters.json`
#     (which the bootstrap itself accepts with `validate`);
#  2. rbac mode writes one Role/RoleBinding manifest per cluster beside the template, and VPC context puts the
#     function in the given subnets and security group;
#  3. a bad fleet (including a cluster of another partition) fails synth with the same messages
#     `bootstrap validate` gives, and no stack trace;
#  4. a daily schedule fails synth, naming its 24 h gap; a region of another partition and half a VPC context
#     are named in the same run;
#  5. edit-policy warns what the role may do, and refuses kube-system (pointing to rbac);
#  6. reservedConcurrency=none removes the reservation, tells the function to take a Lease and writes the Lease's
#     RBAC; a bad reservedConcurrency fails synth naming the value;
#  7. cdk-nag's AwsSolutions pack finds nothing unacknowledged in any template synthesized here.
# Needs the Native AOT toolchain (the app publishes src/Function itself, ~1 min the first time) and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/cdk ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

work=$(mktemp -d)
[ -z "${KEEP_WORK:-}" ] || echo "cdk-synth-check: work folder $work"
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
fail() { echo "cdk-synth-check: FAILED: $*" >&2; exit 1; }

# One line: the CDK CLI keeps only the first line of a multi-line -c value.
clusters='[{"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default", "monitoring"], "serviceAccounts": ["default"]}, '\
'{"name": "partner", "region": "eu-west-1", "namespaces": ["team-a"], "roleArn": "arn:aws:iam::210987654321:role/ecr-public-writer"}]'

echo "cdk-synth-check: synth with two clusters (edit-policy)"
npx cdk synth --quiet --output "$work/edit" -c clusters="$clusters" -c region=eu-west-1 -c alarmEmail=ops@example.com \
  > "$work/edit.log" 2>&1 || { cat "$work/edit.log" >&2; fail "cdk synth exited non-zero"; }

node - "$work/edit" <<'JS' || fail "template or asset check"
const fs = require('fs'), path = require('path'), assert = require('assert/strict');
const out = process.argv[2];
const template = JSON.parse(fs.readFileSync(path.join(out, 'EcrPublicLambda.template.json'), 'utf8'));
const of = type => Object.values(template.Resources).filter(r => r.Type === type);
const [fn] = of('AWS::Lambda::Function');
assert.equal(fn.Properties.Runtime, 'provided.al2023');
assert.equal(fn.Properties.Handler, 'bootstrap');
assert.equal(fn.Properties.ReservedConcurrentExecutions, 1);
assert.equal(of('AWS::Events::Rule').length, 0);
assert.equal(of('AWS::CloudWatch::Alarm').length, 4);
assert.equal(of('AWS::SNS::Subscription').length, 1);
const entries = of('AWS::EKS::AccessEntry');
assert.deepEqual(entries.map(e => e.Properties.ClusterName), ['prod-eu']);
assert.deepEqual(entries[0].Properties.AccessPolicies[0].AccessScope, { Type: 'namespace', Namespaces: ['default', 'monitoring'] });
const policies = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Policy');
const [defaultId, defaultPolicy] = policies.find(([id]) => id.startsWith('RoleDefaultPolicy'));
assert.deepEqual(defaultPolicy.Properties.PolicyDocument.Statement.map(s => s.Sid), ['EcrPublicToken', 'EcrPublicBearerToken', 'WriteOwnLogs', 'ReadDeployedFleet', 'RecordFailedRuns']);
const bearer = defaultPolicy.Properties.PolicyDocument.Statement.find(s => s.Sid === 'EcrPublicBearerToken');
assert.equal(bearer.Condition, undefined);
assert.equal(bearer.Resource, '*');
assert.deepEqual(fn.Properties.Architectures, ['x86_64']);
assert.equal(fn.Properties.LoggingConfig.LogFormat, 'JSON');
assert.equal(fn.Properties.LoggingConfig.ApplicationLogLevel, 'INFO');
// One grant policy per cluster (prod-eu is described, partner assumed), each after the CleanRemoved resource.
// The teardown fence (the function may set its own reserved concurrency to 0) is a policy of its own, not a cluster's.
const isFence = ([, p]) => p.Properties.PolicyDocument.Statement.some(s => s.Sid === 'TeardownFence');
assert.equal(policies.filter(isFence).length, 1);
const grants = policies.filter(entry => entry[0] !== defaultId && !isFence(entry));
assert.deepEqual(grants.map(([, p]) => p.Properties.PolicyDocument.Statement.map(s => s.Sid)).sort(), [['AssumeClusterRole'], ['DescribeCluster']]);
const [[cleanId, clean]] = Object.entries(template.Resources).filter(([, r]) => r.Type === 'Custom::EcrPublicLambdaCleanRemoved');
assert.equal(clean.Properties.Action, 'CleanRemoved');
assert.equal(clean.Properties.ServiceTimeout, 1800);
assert.deepEqual(JSON.parse(clean.Properties.Fleet).clusters.map(c => c.name), ['prod-eu', 'partner']);
for (const [id, r] of [...grants, ...Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::EKS::AccessEntry')]) {
  assert.ok((r.DependsOn || []).includes(cleanId), `${id} does not wait for ${cleanId}`);
}
// The Lifecycle stack: last, one custom resource with the fleet and the code's asset key.
const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
assert.deepEqual(manifest.artifacts['EcrPublicLambda-Lifecycle'].dependencies.filter(d => !d.endsWith('.assets')), ['EcrPublicLambda']);
const lifecycle = JSON.parse(fs.readFileSync(path.join(out, 'EcrPublicLambda-Lifecycle.template.json'), 'utf8'));
const custom = Object.values(lifecycle.Resources).filter(r => r.Type === 'Custom::EcrPublicLambdaLifecycle');
assert.equal(custom.length, 1);
assert.equal(custom[0].Properties.Action, 'Lifecycle');
assert.equal(custom[0].Properties.AssetHash, fn.Properties.Code.S3Key);
assert.equal(custom[0].Properties.Fleet, clean.Properties.Fleet);
assert.ok(custom[0].Properties.ServiceToken['Fn::ImportValue']);
const [[customId]] = Object.entries(lifecycle.Resources).filter(([, r]) => r.Type === 'Custom::EcrPublicLambdaLifecycle');
const rules = Object.values(lifecycle.Resources).filter(r => r.Type === 'AWS::Events::Rule');
assert.equal(rules.length, 1);
assert.equal(rules[0].Properties.ScheduleExpression, 'rate(4 hours)');
assert.ok((rules[0].DependsOn || []).includes(customId), 'the schedule does not depend on the Lifecycle resource');
const [invokeConfig] = of('AWS::Lambda::EventInvokeConfig');
assert.equal(invokeConfig.Properties.MaximumRetryAttempts, 0);
assert.ok(invokeConfig.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt']);
assert.equal(of('AWS::SQS::Queue')[0].Properties.SqsManagedSseEnabled, true);
const missed = of('AWS::CloudWatch::Alarm').find(a => a.Properties.MetricName === 'RunSucceeded');
assert.equal(missed.Properties.Period * (missed.Properties.EvaluationPeriods + 1), 8 * 3600);
assert.ok(template.Outputs.InvokeCommand && template.Outputs.FunctionName && template.Outputs.TargetRole1);

const asset = path.join(out, fn.Metadata['aws:asset:path']);
assert.deepEqual(fs.readdirSync(asset).sort(), ['bootstrap', 'clusters.json']);
const bootstrap = path.join(asset, 'bootstrap');
assert.ok(fs.statSync(bootstrap).mode & 0o111, 'bootstrap is not executable');
assert.deepEqual([...fs.readFileSync(bootstrap).subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46], 'bootstrap is not an ELF executable');
const fleet = JSON.parse(fs.readFileSync(path.join(asset, 'clusters.json'), 'utf8'));
assert.equal(fleet.secretName, 'ecr-public-token');
assert.deepEqual(fleet.clusters.map(c => c.name), ['prod-eu', 'partner']);
fs.writeFileSync(path.join(out, 'asset-path'), asset);
JS
asset=$(cat "$work/edit/asset-path")
"$asset/bootstrap" validate --config "$asset/clusters.json" > "$work/validate.log" 2>&1 \
  || { cat "$work/validate.log" >&2; fail "bootstrap validate refused the clusters.json it was shipped with"; }
grep -q "accessMode edit-policy maps the function's role to AmazonEKSEditPolicy" "$work/edit.log" \
  || { cat "$work/edit.log" >&2; fail "edit-policy synth printed no warning about what the role may do"; }

echo "cdk-synth-check: synth in rbac mode, in a VPC"
npx cdk synth --quiet --output "$work/rbac" -c clusters="$clusters" -c accessMode=rbac \
  -c vpcId=vpc-1234abcd -c vpcSubnetIds=subnet-1234abcd,subnet-5678abcd -c securityGroupIds=sg-1234abcd > "$work/rbac.log" 2>&1 \
  || { cat "$work/rbac.log" >&2; fail "cdk synth (rbac) exited non-zero"; }
for manifest in rbac-prod-eu-eu-west-1.yaml rbac-partner-eu-west-1.yaml; do
  grep -q 'kind: RoleBinding' "$work/rbac/$manifest" || fail "$manifest missing or without a RoleBinding"
done
node - "$work/rbac" <<'JS' || fail "VpcConfig check"
const fs = require('fs'), path = require('path'), assert = require('assert/strict');
const template = JSON.parse(fs.readFileSync(path.join(process.argv[2], 'EcrPublicLambda.template.json'), 'utf8'));
const [fn] = Object.values(template.Resources).filter(r => r.Type === 'AWS::Lambda::Function');
assert.deepEqual(fn.Properties.VpcConfig, { SubnetIds: ['subnet-1234abcd', 'subnet-5678abcd'], SecurityGroupIds: ['sg-1234abcd'] });
assert.equal(Object.values(template.Resources).filter(r => r.Type.startsWith('AWS::EC2::')).length, 0);
JS

echo "cdk-synth-check: edit-policy refuses kube-system"
system='[{"name": "prod-eu", "region": "eu-west-1", "namespaces": ["kube-system"]}]'
if npx cdk synth --quiet --output "$work/system" -c clusters="$system" > "$work/system.log" 2>&1; then
  fail "edit-policy synth accepted kube-system"
fi
grep -q 'clusters\[0\].namespaces: "kube-system" of cluster prod-eu is refused with accessMode edit-policy.*use -c accessMode=rbac' "$work/system.log" \
  || { cat "$work/system.log" >&2; fail "the kube-system refusal does not point to rbac"; }

echo "cdk-synth-check: reservedConcurrency=none (a Lease per cluster), and a bad reservedConcurrency"
npx cdk synth --quiet --output "$work/lease" -c clusters="$clusters" -c region=eu-west-1 -c reservedConcurrency=none \
  > "$work/lease.log" 2>&1 || { cat "$work/lease.log" >&2; fail "cdk synth (reservedConcurrency=none) exited non-zero"; }
node - "$work/lease" <<'JS' || fail "reservedConcurrency=none check"
const fs = require('fs'), path = require('path'), assert = require('assert/strict');
const out = process.argv[2];
const template = JSON.parse(fs.readFileSync(path.join(out, 'EcrPublicLambda.template.json'), 'utf8'));
const [fn] = Object.values(template.Resources).filter(r => r.Type === 'AWS::Lambda::Function');
assert.equal(fn.Properties.ReservedConcurrentExecutions, undefined);
assert.equal(fn.Properties.Environment.Variables.ECR_PUBLIC_LAMBDA_LEASE_SECONDS, '360');
const [entry] = Object.values(template.Resources).filter(r => r.Type === 'AWS::EKS::AccessEntry');
assert.deepEqual(entry.Properties.KubernetesGroups, ['ecr-public-lambda']);
const manifest = fs.readFileSync(path.join(out, 'rbac-prod-eu-eu-west-1.yaml'), 'utf8');
assert.match(manifest, /name: ecr-public-lambda-lease\n  namespace: default\n/);
assert.match(manifest, /resources: \["leases"\]\n    resourceNames: \["ecr-public-token"\]\n    verbs: \["get", "update", "delete"\]/);
JS
if npx cdk synth --quiet --output "$work/reserved" -c clusters="$clusters" -c reservedConcurrency=0 > "$work/reserved.log" 2>&1; then
  fail "synth accepted reservedConcurrency=0"
fi
grep -qF 'reservedConcurrency: "0" is not a reserved concurrency (expected a whole number from 1, or "none"' "$work/reserved.log" \
  || { cat "$work/reserved.log" >&2; fail "synth did not name the bad reservedConcurrency"; }

echo "cdk-synth-check: cdk-nag AwsSolutions over every synthesized template"
node scripts/cdk-nag-check.js "$work/edit" "$work/rbac" "$work/lease" || fail "cdk-nag found unacknowledged AwsSolutions findings"
# The same template without the app's acknowledgements must fail: the check sees findings, it does not just pass.
mkdir -p "$work/unacknowledged"
node -e '
const fs = require("fs");
const t = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
for (const r of Object.values(t.Resources)) { if (r.Metadata) delete r.Metadata.cdk_nag; }
fs.writeFileSync(process.argv[2], JSON.stringify(t));
' "$work/edit/EcrPublicLambda.template.json" "$work/unacknowledged/EcrPublicLambda.template.json"
if node scripts/cdk-nag-check.js "$work/unacknowledged" > "$work/unacknowledged.log" 2>&1; then
  fail "cdk-nag passed a template whose findings were not acknowledged"
fi
grep -q 'AwsSolutions-IAM5' "$work/unacknowledged.log" || { cat "$work/unacknowledged.log" >&2; fail "cdk-nag did not report the wildcard resource"; }

echo "cdk-synth-check: bad fleet fails synth with the messages of bootstrap validate"
cat > "$work/bad.json" <<'JSON'
{"clusters": [
  {"name": "a", "region": "Europe", "namespaces": ["default"]},
  {"name": "b", "region": "eu-west-1", "namespaces": ["Prod"], "namespace": ["x"]},
  {"name": "c", "region": "cn-north-1", "namespaces": ["default"]}
]}
JSON
if npx cdk synth --quiet --output "$work/bad" -c config="$work/bad.json" > "$work/bad.log" 2>&1; then
  fail "synth accepted a bad fleet"
fi
set +e
"$asset/bootstrap" validate --config "$work/bad.json" > "$work/bad-validate.log" 2>&1
validate_status=$?
set -e
[ "$validate_status" -eq 2 ] || fail "bootstrap validate exited $validate_status on a bad fleet (expected 2)"
extract() { grep -o "$work/bad.json: clusters\[.*" "$1" | sort; }
[ "$(extract "$work/bad.log" | wc -l)" -ge 4 ] || { cat "$work/bad.log" >&2; fail "synth did not report every fleet error"; }
diff <(extract "$work/bad.log") <(extract "$work/bad-validate.log") >&2 || fail "synth and bootstrap validate report different messages"
if grep -qE '^\s+at [A-Za-z]' "$work/bad.log"; then
  cat "$work/bad.log" >&2; fail "synth printed a stack trace"
fi

echo "cdk-synth-check: a schedule leaving more than 6 h between runs fails synth, naming the gap"
if npx cdk synth --quiet --output "$work/daily" -c clusters="$clusters" -c schedule='cron(0 3 * * ? *)' \
  -c region=cn-north-1 -c vpcSubnetIds=subnet-1234abcd > "$work/daily.log" 2>&1; then
  fail "synth accepted a daily schedule"
fi
grep -qF 'schedule: "cron(0 3 * * ? *)" leaves up to 24 h between runs; at most 6 h is allowed' "$work/daily.log" \
  || { cat "$work/daily.log" >&2; fail "synth did not name the daily schedule's 24 h gap"; }
grep -qF 'region: "cn-north-1" is in the aws-cn partition; ECR Public tokens come from the aws partition' "$work/daily.log" \
  || { cat "$work/daily.log" >&2; fail "synth did not refuse a region of another partition"; }
grep -qF 'securityGroupIds: required when vpcSubnetIds is set' "$work/daily.log" \
  || { cat "$work/daily.log" >&2; fail "synth did not refuse subnets without security groups"; }

echo "cdk-synth-check: ok"
