{{/* Names and labels shared by every object of the release. */}}
{{- define "leeway.name" -}}
{{- printf "%s-%s" .Release.Name .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "leeway.labels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: leeway
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "leeway.selector" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "leeway.jdbc" -}}
{{- printf "jdbc:postgresql://%s:%v/%s" .host .port .database -}}{{- if .parameters }}?{{ .parameters }}{{- end -}}
{{- end -}}

{{/* Environment every service gets: connections, identity provider, tracing. */}}
{{- define "leeway.commonEnv" -}}
- name: LEEWAY_DB_URL
  value: {{ include "leeway.jdbc" (dict "host" .Values.postgresql.host "port" .Values.postgresql.port "database" .Values.postgresql.database "parameters" .Values.postgresql.parameters) | quote }}
- name: LEEWAY_KEY_VAULT_URL
  value: {{ include "leeway.jdbc" (dict "host" .Values.postgresql.keyVaultHost "port" .Values.postgresql.keyVaultPort "database" .Values.postgresql.keyVaultDatabase "parameters" .Values.postgresql.parameters) | quote }}
- name: LEEWAY_KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: LEEWAY_KAFKA_TOPIC
  value: {{ .Values.kafka.topic | quote }}
- name: LEEWAY_KAFKA_TOPIC_PARTITIONS
  value: {{ .Values.kafka.partitions | quote }}
- name: LEEWAY_KAFKA_REPLICATION_FACTOR
  value: {{ .Values.kafka.replicationFactor | quote }}
- name: LEEWAY_JWT_JWK_SET_URI
  value: {{ .Values.auth.jwkSetUri | quote }}
- name: LEEWAY_JWT_ISSUER
  value: {{ .Values.auth.issuer | quote }}
- name: LEEWAY_JWT_AUDIENCE
  value: {{ .Values.auth.audience | quote }}
- name: LEEWAY_TRACING_SAMPLING
  value: {{ .Values.tracing.sampling | quote }}
{{- if .Values.tracing.otlpEndpoint }}
- name: MANAGEMENT_OTLP_TRACING_ENDPOINT
  value: {{ .Values.tracing.otlpEndpoint | quote }}
{{- end }}
- name: LEEWAY_INSTANCE_ID
  valueFrom:
    fieldRef: {fieldPath: metadata.name}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
A service's Deployment, Service and PodDisruptionBudget. Parameters beside the root context: service (its name),
key (its block in values), portVariable, secretEnv (only the passwords this service needs), extraEnv, scratch.
*/}}
{{- define "leeway.workload" -}}
{{- $settings := index .Values .key -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "leeway.name" . }}
  labels:
    {{- include "leeway.labels" . | nindent 4 }}
spec:
  replicas: {{ $settings.replicas }}
  selector:
    matchLabels:
      {{- include "leeway.selector" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "leeway.labels" . | nindent 8 }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $settings.port | quote }}
        prometheus.io/path: /actuator/prometheus
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 65532
        runAsGroup: 65532
        fsGroup: 65532
        seccompProfile:
          type: RuntimeDefault
      terminationGracePeriodSeconds: 45
      containers:
        - name: {{ .service }}
          image: {{ printf "%s/%s:%s" .Values.image.registry .service .Values.image.tag | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $settings.port }}
              protocol: TCP
          env:
            - name: {{ .portVariable }}
              value: {{ $settings.port | quote }}
            {{- range .secretEnv }}
            - name: {{ .name }}
              valueFrom:
                secretKeyRef:
                  name: {{ $.Values.secrets.existingSecret }}
                  key: {{ .key }}
            {{- end }}
            {{- with .extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- include "leeway.commonEnv" . | nindent 12 }}
          readinessProbe:
            httpGet: {path: /actuator/health/readiness, port: http}
            periodSeconds: 5
            failureThreshold: 3
          livenessProbe:
            httpGet: {path: /actuator/health/liveness, port: http}
            periodSeconds: 10
            failureThreshold: 6
          startupProbe:
            httpGet: {path: /actuator/health/liveness, port: http}
            periodSeconds: 5
            failureThreshold: 60
          resources:
            {{- toYaml $settings.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ .scratch | default "256Mi" }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "leeway.name" . }}
  labels:
    {{- include "leeway.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "leeway.selector" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $settings.port }}
      targetPort: http
      protocol: TCP
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "leeway.name" . }}
  labels:
    {{- include "leeway.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ $settings.disruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "leeway.selector" . | nindent 6 }}
{{- end -}}
