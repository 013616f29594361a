#!/usr/bin/env bash
# Deploys __NAME__ to Google Cloud Functions (2nd gen): the api, work and tick functions, each from
# its own bundle in apps/__NAME__/dist/gcp/<function>, the jobs topic with a dead-letter topic, and the job that runs tick.
# Usage: deploy/gcp/deploy.sh --project=PROJECT [--region=REGION] [--stage=STAGE]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

PROJECT="${GOOGLE_CLOUD_PROJECT:-}"
REGION="europe-west1"
STAGE="dev"
SCHEDULE="0 * * * *"
for arg in "$@"; do
  case "$arg" in
    --project=*) PROJECT="${arg#*=}" ;;
    --region=*) REGION="${arg#*=}" ;;
    --stage=*) STAGE="${arg#*=}" ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
[ -n "$PROJECT" ] || { echo "--project=PROJECT is required" >&2; exit 2; }

NAME="__NAME__-$STAGE"
TOPIC="$NAME-jobs"
SOURCE="$here/../../dist/gcp"
common=(--gen2 --runtime=nodejs22 --region="$REGION" --project="$PROJECT" --memory=512Mi)

gcloud pubsub topics describe "$TOPIC" --project="$PROJECT" >/dev/null 2>&1 || gcloud pubsub topics create "$TOPIC" --project="$PROJECT"
gcloud pubsub topics describe "$TOPIC-dead-letter" --project="$PROJECT" >/dev/null 2>&1 || gcloud pubsub topics create "$TOPIC-dead-letter" --project="$PROJECT"

gcloud functions deploy "$NAME-api" "${common[@]}" --source="$SOURCE/api" --entry-point=api --trigger-http --no-allow-unauthenticated
gcloud functions deploy "$NAME-work" "${common[@]}" --source="$SOURCE/work" --entry-point=work --trigger-topic="$TOPIC" --retry --no-allow-unauthenticated
gcloud functions deploy "$NAME-tick" "${common[@]}" --source="$SOURCE/tick" --entry-point=tick --trigger-http --no-allow-unauthenticated

TICK_URL="$(gcloud functions describe "$NAME-tick" --gen2 --region="$REGION" --project="$PROJECT" --format='value(serviceConfig.uri)')"
SCHEDULER_SA="$(gcloud projects describe "$PROJECT" --format='value(projectNumber)')-compute@developer.gserviceaccount.com"
job=(--location="$REGION" --project="$PROJECT" --schedule="$SCHEDULE" --time-zone=Etc/UTC --uri="$TICK_URL" --http-method=POST --oidc-service-account-email="$SCHEDULER_SA")
if gcloud scheduler jobs describe "$NAME-tick" --location="$REGION" --project="$PROJECT" >/dev/null 2>&1; then
  gcloud scheduler jobs update http "$NAME-tick" "${job[@]}"
else
  gcloud scheduler jobs create http "$NAME-tick" "${job[@]}"
fi
