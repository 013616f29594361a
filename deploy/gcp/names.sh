# shellcheck shell=bash
# What deploy.sh creates and teardown.sh deletes, named once for both: every name carries the stage.
# Sourced after STAGE, PROJECT and DRY_RUN are set.
# shellcheck disable=SC2034 # each script uses its own share of these names
HTTP_SA="skyport-$STAGE-http@$PROJECT.iam.gserviceaccount.com"
QUEUE_SA="skyport-$STAGE-queue@$PROJECT.iam.gserviceaccount.com"
CLEANUP_SA="skyport-$STAGE-cleanup@$PROJECT.iam.gserviceaccount.com"
OUTBOX_SA="skyport-$STAGE-outbox@$PROJECT.iam.gserviceaccount.com"
INVOKER_SA="skyport-$STAGE-invoker@$PROJECT.iam.gserviceaccount.com"
TOPIC="skyport-orders-$STAGE"
DEAD_LETTER_TOPIC="skyport-orders-$STAGE-dead-letter"
HTTP_FUNCTION="skyport-orders-$STAGE"
QUEUE_FUNCTION="skyport-orders-$STAGE-queue"
CLEANUP_FUNCTION="skyport-orders-$STAGE-cleanup"
OUTBOX_FUNCTION="skyport-orders-$STAGE-outbox"
CLEANUP_JOB="skyport-orders-$STAGE-cleanup"
ALERT_POLICY="skyport-orders-$STAGE dead letters"
ALERT_CHANNEL="skyport-orders-$STAGE alerts"
SHIP_SA="skyport-$STAGE-ship@$PROJECT.iam.gserviceaccount.com"
SHIPMENTS_TOPIC="skyport-shipments-$STAGE"
SHIPMENTS_SUBSCRIPTION="skyport-shipments-$STAGE-ship"
SHIP_FUNCTION="skyport-orders-$STAGE-ship"
IMPORT_SA="skyport-$STAGE-import@$PROJECT.iam.gserviceaccount.com"
IMPORT_FUNCTION="skyport-orders-$STAGE-import"
# Bucket names are global: the project keeps this stage's apart from everyone else's.
IMPORT_BUCKET="skyport-orders-$STAGE-imports-$PROJECT"

# Runs a command, or with --dry-run prints it as a shell line; "$NAME" stands for a value looked up earlier.
run() {
  if [[ "$DRY_RUN" == true ]]; then
    printf '%q ' "$@" | sed -e 's/ $//' -e 's/\\\$\([A-Z_]*\)/"$\1"/g'
    echo
  else
    "$@"
  fi
}
