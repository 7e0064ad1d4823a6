# One identity per job, each with only what that job needs (iam.tf).

resource "google_service_account" "runtime" {
  project      = var.project_id
  account_id   = "${var.function_name}-run"
  display_name = "log-gardener runtime"
  description  = "Identity of the log-gardener function: reads logs and the GitHub App key."
  depends_on   = [google_project_service.required]
}

resource "google_service_account" "scheduler" {
  project      = var.project_id
  account_id   = "${var.function_name}-cron"
  display_name = "log-gardener scheduler"
  description  = "Identity Cloud Scheduler uses to mint the OIDC token that invokes log-gardener."
  depends_on   = [google_project_service.required]
}

resource "google_service_account" "build" {
  project      = var.project_id
  account_id   = "${var.function_name}-build"
  display_name = "log-gardener build"
  description  = "Identity Cloud Build uses to build the log-gardener function from its source bundle."
  depends_on   = [google_project_service.required]
}
