package ai.ringrift.admin.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.json.JsonConversionException;
import ai.ringrift.client.json.JsonToAvro;
import ai.ringrift.events.Board;
import ai.ringrift.events.EvaluationCompleted;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.testkit.SampleEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonToAvroTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final EventHeader FRESH =
      new EventHeader(
          "fresh-id",
          "ringrift-cli@test",
          Instant.parse("2025-06-01T12:00:00Z"),
          "fresh-trace",
          null,
          null,
          null);
  final JsonToAvro converter = new JsonToAvro(() -> FRESH);

  @Test
  void fillsAMissingHeaderTakesConfigAsTextAndUsesDefaults() throws Exception {
    TrainingCompleted e =
        converter.convert(
            json(
                "{'config': 'square8_2p', 'job_id': 'j', 'modelId': 'm-7', 'model_path': '/m',"
                    + " 'epochs': 20, 'final_loss': 0.41, 'samples_trained': 85000}"),
            TrainingCompleted.class);

    assertThat(e.getHeader()).isEqualTo(FRESH);
    assertThat(e.getConfig().getBoard()).isEqualTo(Board.SQUARE8);
    assertThat(e.getModelId()).isEqualTo("m-7");
    assertThat(e.getDurationSeconds()).isZero();
  }

  @Test
  void keepsTheGivenHeaderFieldsAndFillsTheRest() throws Exception {
    TrainingCompleted e =
        converter.convert(
            json(
                "{'header': {'trace_id': 't-1', 'occurred_at': '2025-01-02T03:04:05Z',"
                    + " 'iteration': {'long': 7}}, 'config': {'board': 'hex8', 'players': 3},"
                    + " 'job_id': 'j', 'model_id': 'm', 'model_path': '/m', 'epochs': 1,"
                    + " 'final_loss': 1, 'samples_trained': 1}"),
            TrainingCompleted.class);

    assertThat(e.getHeader().getTraceId()).isEqualTo("t-1");
    assertThat(e.getHeader().getEventId()).isEqualTo("fresh-id");
    assertThat(e.getHeader().getOccurredAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(e.getHeader().getIteration()).isEqualTo(7L);
    assertThat(e.getConfig().getPlayers()).isEqualTo(3);
  }

  @Test
  void keepsAGivenEventIdSoTheSameFilePublishedTwiceIsOneEventTwice() throws Exception {
    String file =
        "{'header': {'event_id': '9f1c2b7e-0000-4000-8000-000000000001'}, 'config':"
            + " 'hexagonal_4p', 'node': 'gpu-1', 'games_completed': 100, 'total_games': 100,"
            + " 'games_path': '/data', 'duration_seconds': 600}";

    SelfplayBatchCompleted first = converter.convert(json(file), SelfplayBatchCompleted.class);
    SelfplayBatchCompleted second =
        new JsonToAvro(
                () -> new EventHeader("other-id", "cli", Instant.EPOCH, "other", null, null, null))
            .convert(json(file), SelfplayBatchCompleted.class);

    assertThat(first.getHeader().getEventId()).isEqualTo("9f1c2b7e-0000-4000-8000-000000000001");
    assertThat(second.getHeader().getEventId()).isEqualTo(first.getHeader().getEventId());
    assertThat(first.getHeader().getTraceId())
        .as("a root event names its trace after itself")
        .isEqualTo(first.getHeader().getEventId());
    assertThat(second.getHeader().getTraceId()).isEqualTo(first.getHeader().getTraceId());
  }

  @Test
  void readsBackWhatTheCommandLinePrints() throws Exception {
    EvaluationCompleted sample = SampleEvents.of(EvaluationCompleted.class, 3);
    JsonNode printed = JSON.readTree(EventJson.json(EventJson.fields(sample)));

    assertThat(converter.convert(printed, EvaluationCompleted.class)).isEqualTo(sample);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'epochs': 'twenty'|field 'epochs': expected an int, got string \"twenty\"",
        "'epochs': 3000000000|field 'epochs': expected an int, got 3000000000, out of range",
        "'gpu': 1|field 'gpu': not a field of TrainingCompleted (it has header, config, job_id,",
        "'config': 'square9_2p'|field 'config': 'square9_2p' is not a config key",
        "'config': {'board': 'CHESS', 'players': 2}|field 'config.board': 'CHESS' is not one of"
            + " SQUARE8, SQUARE19, HEX8, HEXAGONAL",
        "'header': {'occurred_at': 'yesterday'}|field 'header.occurred_at': expected an ISO-8601"
            + " time",
        "'final_loss': null|field 'final_loss': expected a number, got null"
      })
  void namesTheBadField(String change, String message) {
    String base =
        "'config': 'square8_2p', 'job_id': 'j', 'model_id': 'm', 'model_path': '/m',"
            + " 'epochs': 20, 'final_loss': 0.4, 'samples_trained': 1";
    String key = change.substring(0, change.indexOf(':'));
    String without = base.replaceAll(key + ": [^,]*(, )?", "");
    assertThatThrownBy(
            () ->
                converter.convert(
                    json("{" + without + ", " + change + "}"), TrainingCompleted.class))
        .isInstanceOf(JsonConversionException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aMissingFieldWithoutDefaultIsNamedWithItsType() {
    assertThatThrownBy(
            () ->
                converter.convert(
                    json(
                        "{'config': 'square8_2p', 'job_id': 'j', 'model_path': '/m', 'epochs': 2,"
                            + " 'final_loss': 0.4, 'samples_trained': 1}"),
                    TrainingCompleted.class))
        .hasMessage("field 'model_id': missing, and it has no default (string)");
  }

  @Test
  void anArrayIsNotAnEvent() {
    assertThatThrownBy(() -> converter.convert(json("['x']"), TrainingCompleted.class))
        .hasMessageStartingWith("a TrainingCompleted must be a JSON object, got array");
  }

  static JsonNode json(String singleQuoted) throws Exception {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }
}
