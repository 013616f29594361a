#!/usr/bin/env bash
# Removes what deploy.sh created for one stage: the stack. What the stack keeps when it is deleted
# (DeletionPolicy: Retain), the orders table, the dead-letter queues and the import bucket, goes too with --delete-data.
#
#   deploy/aws/teardown.sh --region=eu-west-1 [--stage=dev] [--delete-data]
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: deploy/aws/teardown.sh --region=REGION [options]

  --region=REGION  AWS region (default: $AWS_REGION or $AWS_DEFAULT_REGION)
  --stage=NAME     the stage deploy.sh deployed (default: dev); the stack is skyport-orders-NAME
  --delete-data    also delete the orders table, the dead-letter queues and the import bucket, with what is in them
EOF
}

REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
STAGE="dev"
DELETE_DATA=false

for arg in "$@"; do
  case "$arg" in
    --region=*) REGION="${arg#*=}" ;;
    --stage=*) STAGE="${arg#*=}" ;;
    --delete-data) DELETE_DATA=true ;;
    -h | --help) usage && exit 0 ;;
    *) echo "teardown.sh: unknown argument: $arg" >&2 && usage >&2 && exit 2 ;;
  esac
done
[[ -n "$REGION" ]] || { echo "teardown.sh: --region (or AWS_REGION) is required" >&2; exit 2; }
STACK="skyport-orders-$STAGE"

output() {
  aws cloudformation describe-stacks --stack-name "$STACK" --region "$REGION" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

# Read before the stack goes: its outputs name what it retains.
TABLES=()
for key in OrdersTableName IdempotencyKeysTableName; do
  TABLES+=("$(output "$key")")
done
QUEUES=()
for key in DeadLetterQueueUrl CleanupFailureQueueUrl OutboxFailureQueueUrl ShipmentsDeadLetterQueueUrl ImportFailureQueueUrl; do
  QUEUES+=("$(output "$key")")
done
BUCKET="$(output ImportBucketName)"

echo "== Stack $STACK: functions, API, orders queue, shipments stream, alarms, alarm topic, roles, log groups" >&2
sam delete --stack-name "$STACK" --region "$REGION" --no-prompts

if [[ "$DELETE_DATA" != true ]]; then
  echo "== Kept (--delete-data deletes them): tables ${TABLES[*]}, queues ${QUEUES[*]}, bucket $BUCKET" >&2
  exit 0
fi

# A versioned bucket is deleted once every version and delete marker in it is (1,000 per call).
delete_bucket() {
  local kind batch
  for kind in Versions DeleteMarkers; do
    while batch="$(aws s3api list-object-versions --bucket "$1" --region "$REGION" --max-items 1000 \
      --query "{Objects: ${kind}[].{Key: Key, VersionId: VersionId}, Quiet: \`true\`}" --output json)" &&
      [[ "$batch" == *'"Key"'* ]]; do
      aws s3api delete-objects --bucket "$1" --region "$REGION" --delete "$batch" >/dev/null
    done
  done
  aws s3api delete-bucket --bucket "$1" --region "$REGION"
}

echo "== Retained by the stack, deleted now: the collections' tables, the dead-letter queues and the import bucket" >&2
for table in "${TABLES[@]}"; do
  aws dynamodb delete-table --table-name "$table" --region "$REGION" >/dev/null
done
for queue in "${QUEUES[@]}"; do
  aws sqs delete-queue --queue-url "$queue" --region "$REGION"
done
delete_bucket "$BUCKET"
echo "== Kept: SAM's upload bucket (stack aws-sam-cli-managed-default), shared by every SAM deployment in $REGION" >&2
