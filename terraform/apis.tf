locals {
  required_apis = toset([
    "artifactregistry.googleapis.com", # images the function build produces
    "cloudbuild.googleapis.com",       # builds the function from the bundle
    "cloudfunctions.googleapis.com",
    "cloudscheduler.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "run.googleapis.com", # 2nd-gen functions run as Cloud Run services
    "secretmanager.googleapis.com",
  ])
}

resource "google_project_service" "required" {
  for_each = local.required_apis

  project = var.project_id
  service = each.value
  # Other workloads in the project may use these APIs too; destroying the gardener must not turn them off.
  disable_on_destroy = false
}
