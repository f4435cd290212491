import { ApiProperty } from '@nestjs/swagger';

export class ListMetaDto {
  @ApiProperty({ description: 'Items matching the query, over all pages.', example: 1, type: 'integer' })
  total!: number;

  @ApiProperty({ description: 'The page size used.', example: 50, type: 'integer' })
  limit!: number;

  @ApiProperty({ description: 'Items skipped before this page.', example: 0, type: 'integer' })
  offset!: number;
}
