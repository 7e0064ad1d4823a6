locals {
  # The interface's own parameters; `service` only when the variable overrides the config file.
  sweep_body = merge(
    { window = var.sweep_window },
    { for key, value in { service = var.services } : key => value if length(value) > 0 },
  )
}

resource "google_cloud_scheduler_job" "sweep" {
  project     = var.project_id
  region      = var.region
  name        = "${var.function_name}-sweep"
  description = "Runs a log-gardener sweep over the last ${var.sweep_window}."
  schedule    = var.schedule
  time_zone   = var.time_zone
  paused      = var.scheduler_paused

  # Waiting a little longer than the function may run means a slow sweep is not cut off (and retried
  # alongside itself) by the scheduler. Cloud Scheduler allows at most 1800 s for an HTTP target;
  # the timeout variable's validation keeps this within it.
  attempt_deadline = "${var.function_timeout_seconds + 30}s"

  # A failed sweep is retried once, well after the failed attempt has ended; a rerun converges to the
  # same issues (plan/apply is idempotent), so a retry never files duplicates.
  retry_config {
    retry_count          = 1
    min_backoff_duration = "120s"
    max_backoff_duration = "600s"
    max_doublings        = 2
  }

  http_target {
    http_method = "POST"
    uri         = google_cloudfunctions2_function.gardener.service_config[0].uri
    headers     = { "Content-Type" = "application/json" }
    body        = base64encode(jsonencode(local.sweep_body))

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = google_cloudfunctions2_function.gardener.service_config[0].uri
    }
  }

  depends_on = [google_cloud_run_service_iam_binding.invokers]
}
