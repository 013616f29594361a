#!/usr/bin/env bash
# Deploys Skyport's order service to AWS: the stack skyport-orders-<stage>, from template.yaml and
# the bundles `npm run build` wrote to apps/orders/dist/aws, with the SAM CLI; then prints the
# stack's outputs with the AWS CLI. Running it again updates the stack.
#
#   deploy/aws/deploy.sh --region=eu-west-1 --auth-issuer=https://... --auth-audience=... [--stage=dev] [--alarm-email=you@example.com]
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: deploy/aws/deploy.sh --region=REGION [options]

  --region=REGION        AWS region (default: $AWS_REGION or $AWS_DEFAULT_REGION)
  --auth-issuer=URL      required: the OIDC issuer (https://) whose JWTs callers present
  --auth-audience=AUD    required: the audience those tokens must name
  --stage=NAME           environment name, 1-16 of a-z 0-9 - (default: dev); the stack is skyport-orders-NAME
  --alarm-email=ADDRESS  told when a dead-letter queue receives a message (confirm the mail AWS sends)
  --source=DIR           the built bundles (default: apps/orders/dist/aws; run `npm run build` first)
EOF
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
STAGE="dev"
AUTH_ISSUER=""
AUTH_AUDIENCE=""
ALARM_EMAIL=""
SOURCE="$here/../../apps/orders/dist/aws"

for arg in "$@"; do
  case "$arg" in
    --region=*) REGION="${arg#*=}" ;;
    --stage=*) STAGE="${arg#*=}" ;;
    --auth-issuer=*) AUTH_ISSUER="${arg#*=}" ;;
    --auth-audience=*) AUTH_AUDIENCE="${arg#*=}" ;;
    --alarm-email=*) ALARM_EMAIL="${arg#*=}" ;;
    --source=*) SOURCE="${arg#*=}" ;;
    -h | --help) usage && exit 0 ;;
    *) echo "deploy.sh: unknown argument: $arg" >&2 && usage >&2 && exit 2 ;;
  esac
done
[[ -n "$REGION" ]] || { echo "deploy.sh: --region (or AWS_REGION) is required" >&2; exit 2; }
[[ "$STAGE" =~ ^[a-z][a-z0-9-]{0,15}$ ]] || { echo "deploy.sh: --stage must be 1-16 of a-z, 0-9 and -, starting with a letter" >&2; exit 2; }
# No stack is open: API Gateway and the function both verify every /orders caller's JWT.
[[ "$AUTH_ISSUER" =~ ^https://[^[:space:]]+$ ]] || { echo "deploy.sh: --auth-issuer=https://... (the OIDC issuer of the callers' tokens) is required" >&2; exit 2; }
[[ -n "$AUTH_AUDIENCE" ]] || { echo "deploy.sh: --auth-audience (the audience the tokens name) is required" >&2; exit 2; }
STACK="skyport-orders-$STAGE"

command -v sam >/dev/null || { echo "deploy.sh: the AWS SAM CLI (sam) is needed: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html" >&2; exit 1; }
command -v aws >/dev/null || { echo "deploy.sh: the AWS CLI (aws) is needed: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html" >&2; exit 1; }
compgen -G "$SOURCE/*/index.mjs" >/dev/null || { echo "deploy.sh: no bundles in $SOURCE; run \`npm run build\` first" >&2; exit 1; }

# Fails early, and names the account, when no credentials are configured.
echo "== Account: $(aws sts get-caller-identity --query Account --output text), region $REGION, stack $STACK" >&2

# What SAM uploads is each CodeUri folder whole. The build writes esbuild's metafile (meta.json, for
# the tests and the bench) beside each bundle: upload a copy of the tree without it. The template
# keeps its place relative to the bundles, so its CodeUris resolve in the copy as they do here.
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/deploy/aws" "$staging/apps/orders/dist"
cp "$here/template.yaml" "$staging/deploy/aws/template.yaml"
cp -R "$SOURCE" "$staging/apps/orders/dist/aws"
find "$staging/apps" -name meta.json -delete

parameters=("Stage=$STAGE" "AuthIssuer=$AUTH_ISSUER" "AuthAudience=$AUTH_AUDIENCE")
[[ -z "$ALARM_EMAIL" ]] || parameters+=("AlarmEmail=$ALARM_EMAIL")

# --resolve-s3: SAM's own bucket for uploads (the stack aws-sam-cli-managed-default, made once per region).
sam deploy --template-file "$staging/deploy/aws/template.yaml" --stack-name "$STACK" --region "$REGION" \
  --resolve-s3 --s3-prefix "$STACK" --capabilities CAPABILITY_IAM \
  --no-confirm-changeset --no-fail-on-empty-changeset --parameter-overrides "${parameters[@]}"

aws cloudformation describe-stacks --stack-name "$STACK" --region "$REGION" --query "Stacks[0].Outputs" --output table
URL="$(aws cloudformation describe-stacks --stack-name "$STACK" --region "$REGION" \
  --query "Stacks[0].Outputs[?OutputKey=='ApiUrl'].OutputValue" --output text)"
echo "== Done. The order service: $URL" >&2
echo "   Run the HTTP contract against it: SKYPORT_BASE_URL=$URL npm run test:contract" >&2
