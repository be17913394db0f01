import { describe, expect, it } from "vitest";
import { detectLanguage, isFunctionWord, languageMismatch, languageName } from "./language.ts";

describe("detectLanguage", () => {
  it("names the language of ordinary interview prose from its function words", () => {
    expect(detectLanguage("How would you make a payment API idempotent, so that a retry never charges twice?")?.language).toBe("en");
    expect(
      detectLanguage("Der Client schickt bei jeder Zahlung einen Schlüssel mit, und der Server speichert ihn in der Datenbank.")?.language,
    ).toBe("de");
    expect(
      detectLanguage("Je vérifie d'abord si le client a déjà payé, et je garde la clé dans la base pour les nouvelles tentatives.")
        ?.language,
    ).toBe("fr");
    expect(detectLanguage("El sobreajuste ocurre cuando el modelo aprende el ruido de los datos y no generaliza bien.")?.language).toBe(
      "es",
    );
    expect(
      detectLanguage("Il modello impara il rumore dei dati di addestramento e non generalizza, quindi uso la validazione.")?.language,
    ).toBe("it");
    expect(
      detectLanguage("O modelo aprende o ruído dos dados de treino e não generaliza, por isso uso uma validação temporal.")?.language,
    ).toBe("pt");
    expect(
      detectLanguage("Ik controleer eerst of de klant al heeft betaald en bewaar de sleutel in de database met een unieke index.")
        ?.language,
    ).toBe("nl");
  });

  it("is not pulled towards English by technical terms in another language", () => {
    const german = "Ich würde einen Redis Cache mit TTL verwenden, weil die PostgreSQL Datenbank sonst bei jedem Request belastet wird.";
    expect(detectLanguage(german)?.language).toBe("de");
  });

  it("tells scripts apart without word lists", () => {
    expect(detectLanguage("过拟合是指模型在训练数据上表现很好，但在新数据上表现很差。")).toMatchObject({
      language: "zh",
      confidence: "script",
    });
    expect(detectLanguage("過学習とは、モデルが訓練データのノイズまで覚えてしまうことです。")?.language).toBe("ja");
    expect(detectLanguage("Переобучение — это когда модель запоминает шум в обучающих данных.")?.language).toBe("ru");
    expect(detectLanguage("과적합은 모델이 훈련 데이터의 잡음까지 학습하는 것입니다.")?.language).toBe("ko");
  });

  it("says it doesn't know when there is too little to go on", () => {
    expect(detectLanguage("")).toBeNull();
    expect(detectLanguage("Kafka, Redis, PostgreSQL")).toBeNull();
    expect(detectLanguage("Idempotency keys.")).toBeNull();
    expect(detectLanguage("PostgreSQL Kubernetes Terraform Prometheus Grafana")).toBeNull();
  });
});

describe("languageMismatch", () => {
  const question = "What is overfitting, and how would you detect and prevent it in a churn model?";
  it("reports the two languages when the answer is in another one", () => {
    expect(
      languageMismatch(question, "El sobreajuste ocurre cuando el modelo aprende el ruido de los datos y no generaliza bien."),
    ).toEqual({
      question: "en",
      answer: "es",
    });
  });

  it("is null for an answer in the question's language, or when either is unsure", () => {
    expect(
      languageMismatch(question, "Overfitting is when the model learns the noise in the training data and does not generalise."),
    ).toBeNull();
    expect(languageMismatch(question, "Regularisation, early stopping")).toBeNull();
    expect(
      languageMismatch("Kafka?", "Der Client schickt bei jeder Zahlung einen Schlüssel mit, und der Server speichert ihn."),
    ).toBeNull();
  });
});

it("names languages for people and knows the function words", () => {
  expect(languageName("de")).toBe("German");
  expect(languageName("xx")).toBe("xx");
  expect(isFunctionWord("The")).toBe(true);
  expect(isFunctionWord("und")).toBe(true);
  expect(isFunctionWord("kubernetes")).toBe(false);
});
