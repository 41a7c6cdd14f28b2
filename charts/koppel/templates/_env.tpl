{{/*
The environment of one deployable (input: dict "root" $ "name" <deployable> "settings" <merged>),
as each service's src/config.ts or src/main.ts reads it (README.md#configuration).
*/}}
{{- define "koppel.deployableEnv" -}}
{{- $root := .root }}
- name: PORT
  value: "8080"
- name: HOST
  value: 0.0.0.0
- name: LOG_LEVEL
  value: {{ $root.Values.telemetry.logLevel | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ printf "koppel-%s" .name | quote }}
{{- with $root.Values.telemetry.otlpTracesEndpoint }}
- name: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: KAFKA_BROKERS
  value: {{ include "koppel.kafkaBrokers" $root | quote }}
- name: TOPIC_PREFIX
  value: {{ $root.Values.kafka.topicPrefix | quote }}
{{- if $root.Values.migrations.enabled }}
{{- /* The migrations Job applies them once per release; the pods wait for a current schema. */}}
- name: MIGRATE_ON_START
  value: "false"
{{- end }}
{{ include "koppel.databaseUrlEnv" $root }}
{{- /* customer-registry never opens connection credentials, so it does not get the key. */}}
{{- if ne .name "customer-registry" }}
- name: CREDENTIALS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "koppel.secretName" $root }}
      key: CREDENTIALS_KEY
{{- end }}
{{- if eq .name "admin" }}
- name: ADMIN_API_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ include "koppel.secretName" $root }}
      key: ADMIN_API_KEYS
- name: PUBLIC_WEBHOOK_BASE_URL
  value: {{ include "koppel.publicWebhookBaseUrl" $root | quote }}
- name: NOTIFY_FROM
  value: {{ $root.Values.admin.notifyFrom | quote }}
{{- with $root.Values.admin.smtpExistingSecret }}
- name: SMTP_URL
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: SMTP_URL
{{- end }}
{{- end }}
{{- range $key, $value := .settings.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- with .settings.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
