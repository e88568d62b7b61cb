CREATE TABLE adminaudit (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	user_id VARCHAR(32) NOT NULL, 
	chat_id VARCHAR(32), 
	action VARCHAR(32) NOT NULL, 
	complaint_id INTEGER, 
	outcome VARCHAR(16) NOT NULL, 
	reason VARCHAR(64), 
	PRIMARY KEY (id)
);
CREATE TABLE admincard (
	id INTEGER NOT NULL, 
	complaint_id INTEGER NOT NULL, 
	chat_id VARCHAR(32) NOT NULL, 
	audience VARCHAR(16) NOT NULL, 
	active BOOLEAN NOT NULL, 
	final BOOLEAN NOT NULL, 
	message_id VARCHAR(32), 
	shown_version INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id)
);
CREATE TABLE admincase (
	id INTEGER NOT NULL, 
	complaint_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	status_seen VARCHAR(16) NOT NULL, 
	clock VARCHAR(16), 
	clock_since DATETIME, 
	due_at DATETIME, 
	remind_at DATETIME, 
	reminded_at DATETIME, 
	escalated_at DATETIME, 
	verified_at DATETIME, 
	responded_at DATETIME, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id), 
	UNIQUE (complaint_id)
);
CREATE TABLE adminjob (
	name VARCHAR(32) NOT NULL, 
	due_at DATETIME NOT NULL, 
	PRIMARY KEY (name)
);
CREATE TABLE adminoutbox (
	id INTEGER NOT NULL, 
	chat_id VARCHAR(32) NOT NULL, 
	complaint_id INTEGER, 
	card_id INTEGER, 
	prompt_id INTEGER, 
	kind VARCHAR(16) NOT NULL, 
	payload JSON NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	attempts INTEGER NOT NULL, 
	not_before DATETIME, 
	created_at DATETIME NOT NULL, 
	sent_at DATETIME, 
	message_id VARCHAR(32), 
	error VARCHAR(255), 
	PRIMARY KEY (id), 
	FOREIGN KEY(card_id) REFERENCES admincard (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id), 
	FOREIGN KEY(prompt_id) REFERENCES adminprompt (id)
);
CREATE TABLE adminprompt (
	id INTEGER NOT NULL, 
	complaint_id INTEGER, 
	chat_id VARCHAR(32) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	version INTEGER NOT NULL, 
	created_by VARCHAR(32) NOT NULL, 
	options JSON NOT NULL, 
	message_id VARCHAR(32), 
	created_at DATETIME NOT NULL, 
	used_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id)
);
CREATE TABLE agency (
	code VARCHAR(64) NOT NULL, 
	name VARCHAR(255) NOT NULL, 
	level VARCHAR(32) NOT NULL, 
	region_code VARCHAR(16), 
	parent VARCHAR(64), 
	PRIMARY KEY (code)
);
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0015_outgoing_inbound_index');
CREATE TABLE attachment (
	id INTEGER NOT NULL, 
	complaint_id INTEGER NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	file_ref VARCHAR(255) NOT NULL, 
	mime VARCHAR(128), 
	size BIGINT, 
	name VARCHAR(255), 
	PRIMARY KEY (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id)
);
CREATE TABLE caseevent (
	id INTEGER NOT NULL, 
	complaint_id INTEGER NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	payload JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	handled_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id)
);
CREATE TABLE channelsurveyresponse (
	id INTEGER NOT NULL, 
	citizen_id INTEGER NOT NULL, 
	period VARCHAR(16) NOT NULL, 
	satisfaction INTEGER, 
	ease INTEGER, 
	speed INTEGER, 
	use_again BOOLEAN, 
	recommend INTEGER, 
	gender VARCHAR(16), 
	disability VARCHAR(16), 
	locale VARCHAR(8) NOT NULL, 
	submitted_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	CONSTRAINT uq_channel_survey_period UNIQUE (citizen_id, period)
);
CREATE TABLE "citizen" (
	id INTEGER NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	channel_user_id VARCHAR(128) NOT NULL, 
	display_name VARCHAR(128), 
	phone VARCHAR(32), 
	created_at DATETIME NOT NULL, 
	last_inbound_at DATETIME, 
	blocked_at DATETIME, 
	simple_mode BOOLEAN DEFAULT 0 NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_citizen_identity UNIQUE (channel, channel_user_id)
);
CREATE TABLE citizenguard (
	citizen_id INTEGER NOT NULL, 
	emergency_at DATETIME, 
	PRIMARY KEY (citizen_id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id)
);
CREATE TABLE complaint (
	id INTEGER NOT NULL, 
	tracking_no VARCHAR(16) NOT NULL, 
	citizen_id INTEGER NOT NULL, 
	source_inbound_id INTEGER, 
	channel VARCHAR(16) NOT NULL, 
	classification VARCHAR(16) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	body TEXT NOT NULL, 
	incident_date DATE, 
	location_text VARCHAR(500), 
	lat FLOAT, 
	lon FLOAT, 
	region_code VARCHAR(16), 
	agency_code VARCHAR(64), 
	category VARCHAR(32), 
	is_anonymous BOOLEAN NOT NULL, 
	is_secret BOOLEAN NOT NULL, 
	contact_consent BOOLEAN NOT NULL, 
	reporter_name VARCHAR(128), 
	reporter_phone VARCHAR(32), 
	locale VARCHAR(8) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	remote_id VARCHAR(64), 
	remote_tracking VARCHAR(64), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, incident_date_precision VARCHAR(16), incident_time VARCHAR(5), incident_part VARCHAR(16), 
	PRIMARY KEY (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	FOREIGN KEY(source_inbound_id) REFERENCES inboundmessage (id), 
	UNIQUE (source_inbound_id), 
	UNIQUE (tracking_no)
);
CREATE TABLE conversation (
	id INTEGER NOT NULL, 
	citizen_id INTEGER NOT NULL, 
	flow VARCHAR(32), 
	step VARCHAR(64), 
	locale VARCHAR(8), 
	state JSON NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	UNIQUE (citizen_id)
);
CREATE TABLE deliveryreceipt (
	id INTEGER NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	channel_message_id VARCHAR(128) NOT NULL, 
	outgoing_id INTEGER, 
	part INTEGER NOT NULL, 
	attempt INTEGER NOT NULL, 
	template VARCHAR(64), 
	status VARCHAR(16) NOT NULL, 
	rank INTEGER NOT NULL, 
	error_code INTEGER, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(outgoing_id) REFERENCES outgoingmessage (id), 
	CONSTRAINT uq_receipt_channel_message UNIQUE (channel, channel_message_id)
);
CREATE TABLE erasure (
	id INTEGER NOT NULL, 
	citizen_id INTEGER NOT NULL, 
	actor VARCHAR(32) NOT NULL, 
	complaints INTEGER NOT NULL, 
	messages INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE feedbackrequest (
	id INTEGER NOT NULL, 
	complaint_id INTEGER NOT NULL, 
	citizen_id INTEGER NOT NULL, 
	requested_at DATETIME NOT NULL, 
	answered_at DATETIME, 
	outcome VARCHAR(16), 
	rating INTEGER, 
	comment TEXT, 
	reason TEXT, 
	status_change_id INTEGER, 
	case_event_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(case_event_id) REFERENCES caseevent (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id), 
	FOREIGN KEY(status_change_id) REFERENCES statuschange (id)
);
CREATE TABLE forwardjob (
	id INTEGER NOT NULL, 
	complaint_id INTEGER NOT NULL, 
	idempotency_key VARCHAR(96) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	attempts INTEGER NOT NULL, 
	sends INTEGER NOT NULL, 
	in_doubt BOOLEAN NOT NULL, 
	not_before DATETIME, 
	retry_after_until DATETIME, 
	locked_until DATETIME, 
	locked_by VARCHAR(96), 
	last_error VARCHAR(255), 
	target VARCHAR(16), 
	remote_id VARCHAR(64), 
	remote_tracking VARCHAR(64), 
	remote_status VARCHAR(32), 
	raw_status VARCHAR(64), 
	remote_changed_at DATETIME, 
	followups_seen JSON NOT NULL, 
	next_poll_at DATETIME, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	sent_at DATETIME, 
	failed_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id), 
	UNIQUE (complaint_id), 
	UNIQUE (idempotency_key)
);
CREATE TABLE inboundmessage (
	id INTEGER NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	channel_message_id VARCHAR(128) NOT NULL, 
	citizen_id INTEGER NOT NULL, 
	payload JSON NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	received_at DATETIME NOT NULL, 
	handled_at DATETIME, reason VARCHAR(255), 
	PRIMARY KEY (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	CONSTRAINT uq_inbound_channel_message UNIQUE (channel, channel_message_id)
);
CREATE TABLE inforeply (
	id INTEGER NOT NULL, 
	request_id INTEGER NOT NULL, 
	complaint_id INTEGER NOT NULL, 
	update_key VARCHAR(64) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	text TEXT, 
	file_ref VARCHAR(255), 
	received_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id), 
	FOREIGN KEY(request_id) REFERENCES inforequest (id), 
	UNIQUE (update_key)
);
CREATE TABLE inforequest (
	id INTEGER NOT NULL, 
	complaint_id INTEGER NOT NULL, 
	citizen_id INTEGER NOT NULL, 
	asked_by VARCHAR(64) NOT NULL, 
	asked_at DATETIME NOT NULL, 
	question TEXT NOT NULL, 
	answered_at DATETIME, 
	media_group VARCHAR(64), 
	PRIMARY KEY (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id)
);
CREATE TABLE mediafile (
	id INTEGER NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	ref VARCHAR(255) NOT NULL, 
	inbound_id INTEGER, 
	mime VARCHAR(128) NOT NULL, 
	size INTEGER NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	data BLOB NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(inbound_id) REFERENCES inboundmessage (id), 
	CONSTRAINT uq_mediafile_ref UNIQUE (channel, ref)
);
CREATE TABLE opslease (
	name VARCHAR(64) NOT NULL, 
	holder VARCHAR(128), 
	until DATETIME, 
	mark INTEGER NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (name)
);
CREATE TABLE opsstate (
	name VARCHAR(64) NOT NULL, 
	value VARCHAR(256) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (name)
);
CREATE TABLE outgoingmessage (
	id INTEGER NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	chat_id VARCHAR(128) NOT NULL, 
	citizen_id INTEGER, 
	inbound_id INTEGER, 
	kind VARCHAR(32) NOT NULL, 
	payload JSON NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	attempts INTEGER NOT NULL, 
	not_before DATETIME, 
	created_at DATETIME NOT NULL, 
	sent_at DATETIME, 
	channel_message_id VARCHAR(128), 
	error VARCHAR(255), 
	PRIMARY KEY (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	FOREIGN KEY(inbound_id) REFERENCES inboundmessage (id)
);
CREATE TABLE skmimport (
	id INTEGER NOT NULL, 
	unit_code VARCHAR(64) NOT NULL, 
	filename VARCHAR(255) NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	rows INTEGER NOT NULL, 
	imported_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_skm_import_file UNIQUE (unit_code, sha256)
);
CREATE TABLE skmresponse (
	id INTEGER NOT NULL, 
	unit_code VARCHAR(64) NOT NULL, 
	period VARCHAR(16) NOT NULL, 
	citizen_id INTEGER, 
	source VARCHAR(8) NOT NULL, 
	import_id INTEGER, 
	u1 INTEGER, 
	u2 INTEGER, 
	u3 INTEGER, 
	u4 INTEGER, 
	u5 INTEGER, 
	u6 INTEGER, 
	u7 INTEGER, 
	u8 INTEGER, 
	u9 INTEGER, 
	gender VARCHAR(16), 
	age_band VARCHAR(16), 
	education VARCHAR(16), 
	occupation VARCHAR(16), 
	disability VARCHAR(16), 
	service VARCHAR(255), 
	saran TEXT, 
	locale VARCHAR(8) NOT NULL, 
	submitted_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	FOREIGN KEY(import_id) REFERENCES skmimport (id), 
	CONSTRAINT uq_skm_respondent_period UNIQUE (citizen_id, unit_code, period)
);
CREATE TABLE statuschange (
	id INTEGER NOT NULL, 
	complaint_id INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	note TEXT, 
	actor VARCHAR(64) NOT NULL, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id)
);
CREATE TABLE surveyinvitation (
	id INTEGER NOT NULL, 
	citizen_id INTEGER NOT NULL, 
	survey VARCHAR(32) NOT NULL, 
	complaint_id INTEGER, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	FOREIGN KEY(complaint_id) REFERENCES complaint (id), 
	CONSTRAINT uq_survey_invitation UNIQUE (citizen_id, survey)
);
CREATE TABLE surveyresponse (
	id INTEGER NOT NULL, 
	survey_id VARCHAR(64) NOT NULL, 
	citizen_id INTEGER, 
	answers JSON NOT NULL, 
	locale VARCHAR(8) NOT NULL, 
	submitted_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id)
);
CREATE TABLE voiceclip (
	"key" VARCHAR(64) NOT NULL, 
	seconds FLOAT NOT NULL, 
	data BLOB NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE "voicejob" (
	id INTEGER NOT NULL, 
	citizen_id INTEGER NOT NULL, 
	inbound_id INTEGER NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	chat_id VARCHAR(128) NOT NULL, 
	file_ref VARCHAR(255) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	mime VARCHAR(128), 
	size INTEGER, 
	name VARCHAR(255), 
	locale VARCHAR(8) NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	attempts INTEGER NOT NULL, 
	lease_until DATETIME, 
	notified BOOLEAN NOT NULL, 
	seconds FLOAT, 
	transcript TEXT, 
	error VARCHAR(255), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	"before" JSON, 
	evidence BOOLEAN DEFAULT 0 NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(inbound_id) REFERENCES inboundmessage (id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id), 
	UNIQUE (inbound_id)
);
CREATE TABLE voicemode (
	citizen_id INTEGER NOT NULL, 
	mode VARCHAR(16) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (citizen_id), 
	FOREIGN KEY(citizen_id) REFERENCES citizen (id)
);
CREATE TABLE voiceupload (
	id INTEGER NOT NULL, 
	"key" VARCHAR(64) NOT NULL, 
	channel VARCHAR(16) NOT NULL, 
	file_ref VARCHAR(255) NOT NULL, 
	expires_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_voiceupload_key_channel UNIQUE ("key", channel)
);
CREATE INDEX ix_complaint_agency_code ON complaint (agency_code);
CREATE INDEX ix_complaint_citizen_id ON complaint (citizen_id);
CREATE INDEX ix_complaint_created_at ON complaint (created_at);
CREATE INDEX ix_complaint_region_code ON complaint (region_code);
CREATE INDEX ix_complaint_status ON complaint (status);
CREATE INDEX ix_outgoingmessage_citizen_id ON outgoingmessage (citizen_id);
CREATE INDEX ix_attachment_complaint_id ON attachment (complaint_id);
CREATE INDEX ix_statuschange_complaint_id ON statuschange (complaint_id);
CREATE INDEX ix_forwardjob_due ON forwardjob (status, not_before, id);
CREATE INDEX ix_forwardjob_poll ON forwardjob (status, next_poll_at);
CREATE INDEX ix_skmimport_unit_code ON skmimport (unit_code);
CREATE INDEX ix_channel_survey_submitted ON channelsurveyresponse (submitted_at);
CREATE INDEX ix_skm_unit_submitted ON skmresponse (unit_code, submitted_at);
CREATE INDEX ix_skmresponse_citizen_id ON skmresponse (citizen_id);
CREATE INDEX ix_skmresponse_import_id ON skmresponse (import_id);
CREATE INDEX ix_surveyresponse_citizen_id ON surveyresponse (citizen_id);
CREATE INDEX ix_surveyresponse_survey ON surveyresponse (survey_id, submitted_at);
CREATE INDEX ix_caseevent_complaint_id ON caseevent (complaint_id);
CREATE INDEX ix_caseevent_unhandled ON caseevent (handled_at, id);
CREATE INDEX ix_feedbackrequest_citizen_id ON feedbackrequest (citizen_id);
CREATE INDEX ix_feedbackrequest_complaint_id ON feedbackrequest (complaint_id);
CREATE INDEX ix_feedbackrequest_outcome ON feedbackrequest (outcome);
CREATE INDEX ix_deliveryreceipt_outgoing_id ON deliveryreceipt (outgoing_id);
CREATE INDEX ix_mediafile_inbound_id ON mediafile (inbound_id);
CREATE INDEX ix_erasure_citizen_id ON erasure (citizen_id);
CREATE INDEX ix_inbound_citizen_received ON inboundmessage (citizen_id, received_at);
CREATE INDEX ix_adminaudit_at ON adminaudit (at);
CREATE INDEX ix_adminaudit_complaint_id ON adminaudit (complaint_id);
CREATE INDEX ix_admincard_complaint_id ON admincard (complaint_id);
CREATE INDEX ix_admincard_message ON admincard (chat_id, message_id);
CREATE INDEX ix_admincase_due ON admincase (escalated_at, due_at);
CREATE INDEX ix_admincase_remind ON admincase (reminded_at, remind_at);
CREATE INDEX ix_adminprompt_complaint_id ON adminprompt (complaint_id);
CREATE INDEX ix_adminprompt_message ON adminprompt (chat_id, message_id);
CREATE INDEX ix_inforequest_complaint_id ON inforequest (complaint_id);
CREATE INDEX ix_inforequest_open ON inforequest (citizen_id, answered_at);
CREATE INDEX ix_adminoutbox_complaint_id ON adminoutbox (complaint_id);
CREATE INDEX ix_adminoutbox_pending ON adminoutbox (status, id);
CREATE INDEX ix_inforeply_complaint_id ON inforeply (complaint_id);
CREATE INDEX ix_inforeply_request_id ON inforeply (request_id);
CREATE INDEX ix_voicejob_status ON voicejob (status, id);
CREATE INDEX ix_voicejob_citizen_id ON voicejob (citizen_id);
CREATE INDEX ix_inbound_pending ON inboundmessage (status, id) WHERE status = 'pending';
CREATE INDEX ix_outgoing_pending ON outgoingmessage (status, channel, id) WHERE status != 'sent';
