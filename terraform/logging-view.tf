# The runtime reads Cloud Run logs and nothing else: a log view on the bucket that holds them, and
# read access to that view only. A project-wide roles/logging.viewer would let it read every log of
# the project (audit logs, other workloads' logs), which the gardener never needs.
#
# A view's filter may only compare the source project, the resource type and the log id (Cloud
# Logging's rule for views), so it cannot name services: the gardener's own query narrows the read
# to the configured services within the view.
locals {
  log_bucket_name = "projects/${var.project_id}/locations/${var.log_bucket_location}/buckets/${var.log_bucket}"
  log_view_id     = "${var.function_name}-cloud-run"
  # The resource name the runtime reads through (LOGGING_VIEW) and the only one its grant allows.
  log_view_name = "${local.log_bucket_name}/views/${local.log_view_id}"
}

resource "google_logging_log_view" "cloud_run" {
  name        = local.log_view_id
  bucket      = local.log_bucket_name
  description = "Cloud Run logs of ${var.project_id}, read by log-gardener. Data Access audit logs are left out."
  filter = join(" AND ", [
    "SOURCE(\"projects/${var.project_id}\")",
    "resource.type = \"cloud_run_revision\"",
    "NOT LOG_ID(\"cloudaudit.googleapis.com/data_access\")",
    "NOT LOG_ID(\"externalaudit.googleapis.com/data_access\")",
  ])

  depends_on = [google_project_service.required]
}
