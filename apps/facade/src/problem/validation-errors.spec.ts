import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateNested, validateSync } from 'class-validator';
import { fieldErrors } from './validation-errors';

class Range {
  @IsInt()
  @Min(1)
  from!: number;
}

class Query {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @IsIn(['wechat', 'wecom'])
  kind?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => Range)
  range?: Range;
}

/** What the facade's ValidationPipe hands over: whitelist on, unknown properties refused. */
function errorsOf(plain: Record<string, unknown>) {
  return validateSync(plainToInstance(Query, plain), {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
}

describe('fieldErrors', () => {
  it('answers nothing for a valid query', () => {
    expect(fieldErrors(errorsOf({ limit: 5, kind: 'wecom' }))).toEqual([]);
  });

  it('names an unknown parameter as such rather than with class-validator’s wording', () => {
    expect(fieldErrors(errorsOf({ foo: '1' }))).toEqual([
      { field: 'foo', message: 'foo is not a known parameter' },
    ]);
  });

  it('gives one entry per field, in the order the fields came, with every rule it broke', () => {
    expect(fieldErrors(errorsOf({ limit: 0.5, kind: 'x' }))).toEqual([
      { field: 'limit', message: 'limit must not be less than 1; limit must be an integer number' },
      { field: 'kind', message: 'kind must be one of the following values: wechat, wecom' },
    ]);
  });

  it('names nested fields with dots', () => {
    expect(fieldErrors(errorsOf({ range: { from: 0 } }))).toEqual([
      { field: 'range.from', message: 'from must not be less than 1' },
    ]);
  });

  it('says a message repeated by several rules once', () => {
    const error = {
      property: 'limit',
      constraints: {
        min: 'limit must be 1 to 500',
        max: 'limit must be 1 to 500',
        isInt: 'limit must be an integer',
      },
      children: [],
    };
    expect(fieldErrors([error])).toEqual([
      { field: 'limit', message: 'limit must be 1 to 500; limit must be an integer' },
    ]);
  });

  it('keeps a parent’s own entry before its children’s, prefixed by the prefix given', () => {
    const error = {
      property: 'range',
      constraints: { isObject: 'range must be an object' },
      children: [
        {
          property: 'from',
          constraints: { whitelistValidation: 'property from should not exist' },
          children: [],
        },
      ],
    };
    expect(fieldErrors([error], 'query.')).toEqual([
      { field: 'query.range', message: 'range must be an object' },
      { field: 'query.range.from', message: 'query.range.from is not a known parameter' },
    ]);
  });
});
